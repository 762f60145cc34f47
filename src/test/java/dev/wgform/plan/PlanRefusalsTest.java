package dev.wgform.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wgform.model.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refusals of the SSH path guard in the plan value and in saved plans. */
class PlanRefusalsTest {
    private static final String REFUSAL = "a: this change would cut wgform's SSH path to 198.51.100.1:22 (...). Safe order: ...";

    @TempDir
    Path dir;

    @Test
    void aSavedPlanKeepsItsRefusals() throws Exception {
        Plan sample = PlanFileTest.sample();
        Plan refused = new Plan(sample.formatVersion(), sample.createdAt(), sample.inventory(), sample.playbook(),
                List.of(sample.hosts().get(0).withRefusals(List.of(REFUSAL)), sample.hosts().get(1)));
        Path file = dir.resolve("plan.json");
        PlanFile.write(refused, file);
        Plan read = PlanFile.read(file);
        assertThat(read).isEqualTo(refused);
        assertThat(read.refused()).extracting(HostPlan::host).containsExactly("a");
        assertThat(Files.readString(file)).contains("\"refused\": 1", "\"refusals\": [\n");
    }

    @Test
    void aPlanFileFromBeforeTheGuardReadsAsWithoutRefusals() throws Exception {
        Path file = dir.resolve("old.json");
        PlanFile.write(PlanFileTest.sample(), file);
        Files.writeString(file, Files.readString(file).replaceAll("\\n\\s*\"refusals\": \\[\\],", ""));
        assertThat(Files.readString(file)).doesNotContain("refusals");
        assertThat(PlanFile.read(file)).isEqualTo(PlanFileTest.sample());
    }

    @Test
    void refusalsAreKeptByTheOtherCopyMethodsAndOnlyReachableHostsHaveThem() {
        HostPlan a = PlanFileTest.sample().hosts().get(0).withRefusals(List.of(REFUSAL));
        assertThat(a.isRefused()).isTrue();
        assertThat(a.withNotes(List.of("more")).refusals()).containsExactly(REFUSAL);
        assertThat(a.withChanges(List.of(a.changes().get(0))).refusals()).containsExactly(REFUSAL);
        assertThatThrownBy(() -> new HostPlan("b", Optional.of("down"), List.of(), "", List.of(), List.of(REFUSAL)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDamagedRefusalsFieldIsReportedWhereItIs() throws Exception {
        Path file = dir.resolve("bad.json");
        PlanFile.write(PlanFileTest.sample(), file);
        Files.writeString(file, Files.readString(file).replaceFirst("\"refusals\": \\[\\]", "\"refusals\": [1]"));
        assertThatThrownBy(() -> PlanFile.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("hosts[0].refusals[0]");
    }
}
