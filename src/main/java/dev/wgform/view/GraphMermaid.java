package dev.wgform.view;

import dev.wgform.model.Fleet;
import java.util.ArrayList;
import java.util.List;

/**
 * The fleet's planes as a Mermaid flowchart (renders in GitHub and GitLab markdown): one subgraph per plane,
 * one node per member, one link per peering. Hubs and relays are double circles drawn bold; hosts behind
 * NAT are dashed; pairs that cannot reach each other (both behind NAT) get a dotted link.
 */
public final class GraphMermaid {
    private GraphMermaid() {}

    public static String render(Fleet fleet) {
        StringBuilder out = new StringBuilder("flowchart LR\n");
        List<String> hubs = new ArrayList<>();
        List<String> nat = new ArrayList<>();
        int p = 0;
        for (PlaneGraph g : PlaneGraph.of(fleet)) {
            String planeId = "p" + p++;
            out.append("  subgraph ").append(planeId).append("[\"")
                    .append(text(g.plane().name())).append("<br/>").append(text(g.summary())).append("\"]\n");
            List<PlaneGraph.Node> nodes = g.nodes();
            for (int i = 0; i < nodes.size(); i++) {
                PlaneGraph.Node n = nodes.get(i);
                String id = planeId + "h" + i;
                String label = "\"" + label(g, n) + "\"";
                out.append("    ").append(id).append(n.hub() ? "(((" + label + ")))" : "[" + label + "]").append('\n');
                if (n.hub()) hubs.add(id);
                if (n.host().nat()) nat.add(id);
            }
            out.append("  end\n");
            for (PlaneGraph.Edge e : g.edges()) {
                out.append("  ").append(planeId).append('h').append(nodes.indexOf(e.a()))
                        .append(e.reachable() ? " --- " : " -.- ")
                        .append(planeId).append('h').append(nodes.indexOf(e.b())).append('\n');
            }
        }
        out.append("  classDef hub stroke-width:4px,font-weight:bold\n");
        out.append("  classDef nat stroke-dasharray:5 5\n");
        if (!hubs.isEmpty()) out.append("  class ").append(String.join(",", hubs)).append(" hub\n");
        if (!nat.isEmpty()) out.append("  class ").append(String.join(",", nat)).append(" nat\n");
        return out.toString();
    }

    private static String label(PlaneGraph g, PlaneGraph.Node n) {
        StringBuilder l = new StringBuilder(text(n.host().name()));
        n.address().ifPresent(a -> l.append("<br/>").append(a.getHostAddress()));
        String role = n.role(g.plane().topology());
        if (!role.isEmpty()) l.append("<br/>").append(role);
        if (n.host().nat()) l.append("<br/>NAT");
        return l.toString();
    }

    /** Text inside a quoted Mermaid label: characters Mermaid or its HTML labels would read as syntax become entity codes. */
    static String text(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"': out.append("#quot;"); break;
                case '<': out.append("#lt;"); break;
                case '>': out.append("#gt;"); break;
                case '&': out.append("#amp;"); break;
                case '#': out.append("#35;"); break;
                case '\n': case '\r': out.append(' '); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }
}
