package dev.wgform.view;

import dev.wgform.model.Fleet;
import java.util.ArrayList;
import java.util.List;

/**
 * The fleet's planes as a Graphviz graph ({@code dot -Tsvg}): one cluster per plane, one node per member,
 * one edge per peering. Hubs and relays are double circles; hosts behind NAT are dashed; pairs that cannot
 * reach each other (both behind NAT) are dotted.
 */
public final class GraphDot {
    private GraphDot() {}

    public static String render(Fleet fleet) {
        StringBuilder out = new StringBuilder();
        out.append("graph \"wgform\" {\n");
        out.append("  graph [fontname=\"Helvetica\"];\n");
        out.append("  node [shape=box, fontname=\"Helvetica\"];\n");
        out.append("  edge [color=\"gray40\"];\n");
        for (PlaneGraph g : PlaneGraph.of(fleet)) plane(out, g);
        out.append("}\n");
        return out.toString();
    }

    private static void plane(StringBuilder out, PlaneGraph g) {
        String name = g.plane().name();
        out.append("\n  subgraph ").append(id("cluster_" + name)).append(" {\n");
        out.append("    label=").append(id(name + "\n" + g.summary())).append(";\n");
        for (PlaneGraph.Node n : g.nodes()) {
            List<String> attrs = new ArrayList<>();
            attrs.add("label=" + id(label(g, n)));
            List<String> style = new ArrayList<>();
            if (n.hub()) {
                attrs.add("shape=doublecircle");
                style.add("bold");
            }
            if (n.host().nat()) style.add("dashed");
            if (!style.isEmpty()) attrs.add("style=" + id(String.join(",", style)));
            out.append("    ").append(nodeId(name, n)).append(" [").append(String.join(", ", attrs)).append("];\n");
        }
        out.append("  }\n");
        for (PlaneGraph.Edge e : g.edges()) {
            out.append("  ").append(nodeId(name, e.a())).append(" -- ").append(nodeId(name, e.b()));
            if (!e.reachable()) out.append(" [style=dotted, tooltip=\"both behind NAT: no endpoint to reach\"]");
            out.append(";\n");
        }
    }

    private static String label(PlaneGraph g, PlaneGraph.Node n) {
        StringBuilder l = new StringBuilder(n.host().name());
        n.address().ifPresent(a -> l.append('\n').append(a.getHostAddress()));
        String role = n.role(g.plane().topology());
        if (!role.isEmpty()) l.append('\n').append(role);
        if (n.host().nat()) l.append("\nNAT");
        return l.toString();
    }

    private static String nodeId(String plane, PlaneGraph.Node n) {
        return id(plane + "/" + n.host().name());
    }

    /** A DOT double-quoted ID: quotes and backslashes escaped, newlines as DOT's centred line break. */
    static String id(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c == '\n') out.append("\\n");
            else if (c == '\r') continue;
            else out.append(c);
        }
        return out.append('"').toString();
    }
}
