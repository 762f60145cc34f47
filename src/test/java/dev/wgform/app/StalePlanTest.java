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

class StalePlanTest {
    private static Plan plan(Instant at, String... hostAndFingerprint) {
        List<HostPlan> hosts = new java.util.ArrayList<>();
        for (int i = 0; i < hostAndFingerprint.length; i += 2) {
            hosts.add(new HostPlan(hostAndFingerprint[i], Optional.empty(), List.of(), hostAndFingerprint[i + 1], List.of()));
        }
        return Plan.of(at, "inv.yml", "pb.yml", hosts);
    }

    @Test
    void aPlanWhoseHostsStillReportTheSameFactsHolds() {
        Plan saved = plan(Instant.parse("2026-11-26T10:00:00Z"), "a", "f1", "b", "f2");
        Plan fresh = plan(Instant.parse("2026-11-26T11:00:00Z"), "a", "f1", "b", "f2");
        assertThatCode(() -> StalePlan.check(saved, fresh)).doesNotThrowAnyException();
    }

    @Test
    void aHostWhoseFactsChangedMakesThePlanStaleAndIsNamed() {
        Plan saved = plan(Instant.now(), "a", "f1", "b", "f2");
        Plan fresh = plan(Instant.now(), "a", "f1", "b", "changed");
        assertThatThrownBy(() -> StalePlan.check(saved, fresh))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.problems().get(0).key()).isEqualTo("b");
                    assertThat(e.problems().get(0).message()).contains("stale");
                });
    }

    @Test
    void keyAgesThatGrewSinceThePlanDoNotMakeItStaleButOtherNotesDo() {
        HostPlan saved = new HostPlan("a", Optional.empty(), List.of(), "f1", List.of("key ages: wg-mgmt 89d"));
        HostPlan aged = new HostPlan("a", Optional.empty(), List.of(), "f1", List.of("key ages: wg-mgmt 91d",
                "private key of wg-mgmt is 91d old, older than key_max_age 90d; rotate it with: wgform rotate -i inv.yml pb.yml --plane mgmt --hosts a"));
        assertThatCode(() -> StalePlan.check(Plan.of(Instant.now(), "inv.yml", "pb.yml", List.of(saved)),
                Plan.of(Instant.now(), "inv.yml", "pb.yml", List.of(aged)))).doesNotThrowAnyException();

        HostPlan missingTools = aged.withNotes(List.of("missing wireguard-tools: install it or run apply with --install-packages"));
        assertThatThrownBy(() -> StalePlan.check(Plan.of(Instant.now(), "inv.yml", "pb.yml", List.of(saved)),
                Plan.of(Instant.now(), "inv.yml", "pb.yml", List.of(missingTools))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("different changes");
    }

    @Test
    void aHostNoLongerPlannedMakesThePlanStale() {
        assertThatThrownBy(() -> StalePlan.check(plan(Instant.now(), "a", "f1", "b", "f2"), plan(Instant.now(), "a", "f1")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no longer planned");
    }
}
