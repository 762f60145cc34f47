package dev.wgform.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphMermaidTest {
    private final String mermaid = GraphMermaid.render(TestFleets.mixed());

    @Test
    void aFlowchartWithOneSubgraphPerPlane() {
        assertThat(mermaid).startsWith("flowchart LR\n");
        assertThat(mermaid).contains("  subgraph p0[\"mgmt<br/>10.200.0.0/24, udp 51820, mesh\"]\n");
        assertThat(mermaid).contains("  subgraph p1[\"roam<br/>10.210.0.0/24, udp 443, hub\"]\n");
        assertThat(mermaid).contains("  subgraph p2[\"relay-net<br/>10.220.0.0/24, udp 51830, relay\"]\n");
        long subgraphs = lines().stream().filter(l -> l.startsWith("  subgraph ")).count();
        long ends = lines().stream().filter(l -> l.equals("  end")).count();
        assertThat(subgraphs).isEqualTo(3).isEqualTo(ends);
    }

    @Test
    void nodesEdgesHubsAndNat() {
        assertThat(mermaid).contains("    p0h0[\"node-a<br/>10.200.0.1\"]\n", "    p0h2[\"home<br/>10.200.0.3<br/>NAT\"]\n");
        assertThat(mermaid).contains("    p1h0(((\"node-a<br/>10.210.0.1<br/>hub\")))\n");
        assertThat(mermaid).contains("    p2h1(((\"node-b<br/>10.220.0.2<br/>relay\")))\n");
        List<String> links = lines().stream().filter(l -> l.matches("  p\\d+h\\d+ (---|-\\.-) p\\d+h\\d+")).toList();
        assertThat(links).containsExactlyInAnyOrder(
                "  p0h0 --- p0h1", "  p0h0 --- p0h2", "  p0h0 --- p0h3", "  p0h1 --- p0h2", "  p0h1 --- p0h3", "  p0h2 -.- p0h3",
                "  p1h0 --- p1h1", "  p1h0 --- p1h2",
                "  p2h1 --- p2h0", "  p2h1 --- p2h2");
        assertThat(mermaid).contains("  class p1h0,p2h1 hub\n", "  class p0h2,p0h3,p1h2,p2h2 nat\n");
    }

    @Test
    void labelTextCannotBreakOutOfItsQuotes() {
        assertThat(GraphMermaid.text("a\"b<c>&#d\ne")).isEqualTo("a#quot;b#lt;c#gt;#amp;#35;d e");
    }

    private List<String> lines() {
        return Arrays.asList(mermaid.split("\n"));
    }
}
