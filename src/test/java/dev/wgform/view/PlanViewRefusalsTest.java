package dev.wgform.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.plan.HostPlan;
import dev.wgform.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanViewRefusalsTest {
    private static final String REFUSAL = "lab-4: this change would cut wgform's SSH path to 198.51.100.4:22 (the firewall's stealth "
            + "policy drops TCP 22 on eth0 while keep_public_ssh is false). Safe order: ...";

    private static Plan refused() {
        Plan p = PlanSamples.sample();
        List<HostPlan> hosts = new ArrayList<>(p.hosts());
        hosts.set(3, hosts.get(3).withRefusals(List.of(REFUSAL))); // lab-4 has no changes of its own: shown for the refusal
        return new Plan(p.formatVersion(), p.createdAt(), p.inventory(), p.playbook(), hosts);
    }

    @Test
    void aRefusedHostShowsWhyFirstAndTheSummaryNamesIt() {
        String text = PlanView.render(refused(), false);
        assertThat(text).contains("\n# lab-4\n  REFUSED: " + REFUSAL + "\n");
        assertThat(text).endsWith("to destroy; 1 host could not be planned.\n"
                + "Refused: this plan would cut wgform's SSH path to 1 host (lab-4); apply will not run it without --force.\n");
    }

    @Test
    void forcedItIsAWarning() {
        String text = PlanView.render(refused(), false, true);
        assertThat(text).contains("\n# lab-4\n  warning (--force): " + REFUSAL + "\n").doesNotContain("REFUSED");
        assertThat(text).endsWith("Warning: this plan would cut wgform's SSH path to 1 host (lab-4); --force is given, so apply runs it anyway.\n");
    }

    @Test
    void inColourTheRefusalIsRed() {
        assertThat(PlanView.render(refused(), true)).contains("  " + Ansi.RED + "REFUSED: " + Ansi.RESET + REFUSAL);
    }

    @Test
    void aPlanWithoutRefusalsLooksAsBefore() {
        assertThat(PlanView.render(PlanSamples.sample(), false, true)).isEqualTo(PlanView.render(PlanSamples.sample(), false))
                .doesNotContain("REFUSED", "Refused", "Warning");
    }
}
