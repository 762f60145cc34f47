package dev.wgform.view;

import dev.wgform.model.Fleet;
import dev.wgform.model.Host;
import dev.wgform.model.Plane;
import dev.wgform.model.Topology;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The shape of one plane as the graph views draw it: its member nodes and who peers with whom.
 * Mesh: every pair once. Hub and relay: the hub with each spoke (spokes reach each other through it).
 */
record PlaneGraph(Plane plane, List<Node> nodes, List<Edge> edges) {
    /** A member host on this plane. */
    record Node(Host host, Optional<InetAddress> address, boolean hub) {
        String role(Topology topology) {
            return hub ? topology.yamlName() : "";
        }
    }

    /** Two members that peer directly; {@code reachable} is false when neither has an endpoint (both behind NAT). */
    record Edge(Node a, Node b) {
        boolean reachable() {
            return !(a.host().nat() && b.host().nat());
        }
    }

    PlaneGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    static List<PlaneGraph> of(Fleet fleet) {
        List<PlaneGraph> out = new ArrayList<>();
        for (Plane p : fleet.playbook().planes().values()) out.add(of(fleet, p));
        return out;
    }

    static PlaneGraph of(Fleet fleet, Plane plane) {
        List<Node> nodes = new ArrayList<>();
        for (Host h : fleet.membersOf(plane.name())) {
            boolean hub = plane.topology() != Topology.MESH && plane.hub().map(h.name()::equals).orElse(false);
            nodes.add(new Node(h, fleet.address(plane.name(), h.name()), hub));
        }
        List<Edge> edges = new ArrayList<>();
        if (plane.topology() == Topology.MESH) {
            for (int i = 0; i < nodes.size(); i++)
                for (int j = i + 1; j < nodes.size(); j++) edges.add(new Edge(nodes.get(i), nodes.get(j)));
        } else {
            Optional<Node> hub = nodes.stream().filter(Node::hub).findFirst();
            hub.ifPresent(h -> nodes.stream().filter(n -> !n.hub()).forEach(n -> edges.add(new Edge(h, n))));
        }
        return new PlaneGraph(plane, nodes, edges);
    }

    /** "10.200.0.0/24, udp 51820, mesh" */
    String summary() {
        return plane.subnet() + ", udp " + plane.port() + ", " + plane.topology().yamlName();
    }
}
