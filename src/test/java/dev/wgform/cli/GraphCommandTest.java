package dev.wgform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GraphCommandTest {
    @Test
    void dotIsTheDefault() {
        Run run = Run.of("graph", "-i", Examples.inventory("four-plane"), Examples.playbook("four-plane"));
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("graph \"wgform\" {\n").endsWith("}\n");
        assertThat(run.out()).contains("subgraph \"cluster_mgmt\"", "subgraph \"cluster_data\"", "subgraph \"cluster_monitor\"",
                "subgraph \"cluster_app\"", "\"mgmt/db-1\" [label=\"db-1\\n10.200.0.10\"]");
        // four meshes of four hosts: six edges each
        assertThat(run.out().lines().filter(l -> l.contains(" -- "))).hasSize(24);
    }

    @Test
    void mermaidOnRequestWithTheHubMarked() {
        Run run = Run.of("graph", "--format", "mermaid", "-i", Examples.inventory("hub-spoke"), Examples.playbook("hub-spoke"));
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("flowchart LR\n").contains("subgraph p0[\"roam<br/>", "<br/>hub\")))", "  class p0h0 hub\n");
        assertThat(run.out().lines().filter(l -> l.contains(" --- "))).hasSize(2);
    }

    @Test
    void unknownFormatIsAUsageError() {
        Run run = Run.of("graph", "--format", "svg", "-i", Examples.inventory("hub-spoke"), Examples.playbook("hub-spoke"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("expected one of [dot, mermaid]");
    }
}
