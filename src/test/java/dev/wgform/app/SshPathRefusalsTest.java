package dev.wgform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wgform.model.InvalidInputException;
import dev.wgform.plan.HostPlan;
import dev.wgform.plan.Plan;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SshPathRefusalsTest {
    private static final String REFUSAL = "a: this change would cut wgform's SSH path to 198.51.100.1:22 (...). --force applies it anyway.";

    private static Plan plan(List<String> refusals) {
        return Plan.of(Instant.parse("2026-11-26T10:00:00Z"), "inv.yml", "pb.yml",
                List.of(new HostPlan("a", Optional.empty(), List.of(), "f1", List.of(), refusals),
                        new HostPlan("b", Optional.empty(), List.of(), "f2", List.of())));
    }

    @Test
    void applyStopsOnARefusalOfTheFreshPlanNamingIt() {
        assertThatThrownBy(() -> SshPathRefusals.check(Optional.empty(), plan(List.of(REFUSAL)), false))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.problems().get(0).toString()).isEqualTo("pb.yml: " + REFUSAL);
                });
    }

    @Test
    void aSavedPlanWithRefusalsNeedsForceToo() {
        assertThatThrownBy(() -> SshPathRefusals.check(Optional.of(plan(List.of(REFUSAL))), plan(List.of()), false))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(REFUSAL);
        assertThatThrownBy(() -> SshPathRefusals.check(Optional.of(plan(List.of(REFUSAL))), plan(List.of(REFUSAL)), false))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).as("said once").hasSize(1));
    }

    @Test
    void forceOrNoRefusalGoesOn() {
        assertThatCode(() -> SshPathRefusals.check(Optional.of(plan(List.of(REFUSAL))), plan(List.of(REFUSAL)), true)).doesNotThrowAnyException();
        assertThatCode(() -> SshPathRefusals.check(Optional.of(plan(List.of())), plan(List.of()), false)).doesNotThrowAnyException();
    }

    @Test
    void aRefusalThatAppearedOrWentSinceThePlanWasSavedMakesItStale() {
        assertThatThrownBy(() -> StalePlan.check(plan(List.of()), plan(List.of(REFUSAL)))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("stale");
        assertThatThrownBy(() -> StalePlan.check(plan(List.of(REFUSAL)), plan(List.of()))).isInstanceOf(InvalidInputException.class);
        assertThatCode(() -> StalePlan.check(plan(List.of(REFUSAL)), plan(List.of(REFUSAL)))).doesNotThrowAnyException();
    }
}
