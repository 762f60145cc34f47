package dev.wgform.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class GraphDotTest {
    private static final String Q = "\"(?:[^\"\\\\]|\\\\.)*\"";
    private static final Pattern NODE = Pattern.compile("^\\s+(" + Q + ") \\[(.*)\\];$");
    private static final Pattern EDGE = Pattern.compile("^\\s+(" + Q + ") -- (" + Q + ")( \\[.*\\])?;$");

    private final String dot = GraphDot.render(TestFleets.mixed());

    @Test
    void bracesAndQuotesBalanceOutsideQuotedStrings() {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < dot.length(); i++) {
            char c = dot.charAt(i);
            if (quoted) {
                if (c == '\\') i++;
                else if (c == '"') quoted = false;
            } else if (c == '"') {
                quoted = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                assertThat(depth).isGreaterThanOrEqualTo(0);
            }
        }
        assertThat(quoted).isFalse();
        assertThat(depth).isZero();
        assertThat(dot).startsWith("graph \"wgform\" {\n").endsWith("}\n");
    }

    @Test
    void oneClusterPerPlaneLabelledWithSubnetPortAndTopology() {
        assertThat(dot).contains("subgraph \"cluster_mgmt\" {", "label=\"mgmt\\n10.200.0.0/24, udp 51820, mesh\";");
        assertThat(dot).contains("subgraph \"cluster_roam\" {", "label=\"roam\\n10.210.0.0/24, udp 443, hub\";");
        assertThat(dot).contains("subgraph \"cluster_relay-net\" {", "label=\"relay-net\\n10.220.0.0/24, udp 51830, relay\";");
    }

    @Test
    void everyPeeringIsOneEdgeBetweenDeclaredQuotedNodes() {
        Set<String> nodes = new HashSet<>();
        List<String> edges = new ArrayList<>();
        for (String line : dot.split("\n")) {
            Matcher n = NODE.matcher(line);
            if (n.matches() && !line.contains(" -- ")) nodes.add(n.group(1));
            Matcher e = EDGE.matcher(line);
            if (e.matches()) edges.add(e.group(1) + " -- " + e.group(2));
        }
        assertThat(nodes).hasSize(4 + 3 + 3);
        // mesh of 4: every pair once; hub and relay: the hub with each spoke
        assertThat(edges).containsExactlyInAnyOrder(
                "\"mgmt/node-a\" -- \"mgmt/node-b\"", "\"mgmt/node-a\" -- \"mgmt/home\"", "\"mgmt/node-a\" -- \"mgmt/laptop\"",
                "\"mgmt/node-b\" -- \"mgmt/home\"", "\"mgmt/node-b\" -- \"mgmt/laptop\"", "\"mgmt/home\" -- \"mgmt/laptop\"",
                "\"roam/node-a\" -- \"roam/node-b\"", "\"roam/node-a\" -- \"roam/laptop\"",
                "\"relay-net/node-b\" -- \"relay-net/node-a\"", "\"relay-net/node-b\" -- \"relay-net/home\"");
        for (String edge : edges) for (String end : edge.split(" -- ")) assertThat(nodes).contains(end);
        // no identifier with a hyphen (or anything else) is left unquoted
        assertThat(dot).doesNotContainPattern("(?m)^\\s+[A-Za-z0-9_]+-");
    }

    @Test
    void nodesShowHostAndAddressHubsAndNat() {
        assertThat(dot).contains("\"mgmt/node-a\" [label=\"node-a\\n10.200.0.1\"];");
        assertThat(dot).contains("\"roam/node-a\" [label=\"node-a\\n10.210.0.1\\nhub\", shape=doublecircle, style=\"bold\"];");
        assertThat(dot).contains("\"relay-net/node-b\" [label=\"node-b\\n10.220.0.2\\nrelay\", shape=doublecircle, style=\"bold\"];");
        assertThat(dot).contains("\"mgmt/home\" [label=\"home\\n10.200.0.3\\nNAT\", style=\"dashed\"];");
        assertThat(dot).containsPattern("\"mgmt/home\" -- \"mgmt/laptop\" \\[style=dotted");
    }

    @Test
    void quotesAndBackslashesInNamesAreEscaped() {
        assertThat(GraphDot.id("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c\\nd\"");
    }

    @Test
    void graphvizAcceptsItWhenInstalled() throws IOException, InterruptedException {
        Path dotBinary = Path.of("/usr/bin/dot");
        Assumptions.assumeTrue(Files.isExecutable(dotBinary), "graphviz is not installed");
        Process p = new ProcessBuilder(dotBinary.toString(), "-Tsvg").redirectErrorStream(true).start();
        p.getOutputStream().write(dot.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
    }
}
