package dev.wgform.view;

import dev.wgform.model.Cidr;
import dev.wgform.model.ClientSettings;
import dev.wgform.model.FirewallSettings;
import dev.wgform.model.Fleet;
import dev.wgform.model.Host;
import dev.wgform.model.Inventory;
import dev.wgform.model.Plane;
import dev.wgform.model.Playbook;
import dev.wgform.model.SourceRef;
import dev.wgform.model.Topology;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Small fleets built by hand, so the views are tested without the YAML loader. */
final class TestFleets {
    private TestFleets() {}

    static Host host(String name, boolean nat) {
        return new Host(name, "198.51.100." + (Math.abs(name.hashCode()) % 250 + 1), 22, Optional.of("root"), Optional.empty(), false,
                nat ? Optional.empty() : Optional.of("198.51.100.1"), Map.of(), nat, List.of(), "eth0", Optional.empty(),
                Optional.empty(), List.of("all"), Map.of(), new SourceRef("inv.yml", 1, 1));
    }

    static Plane plane(String name, String subnet, int port, Topology topology, Optional<String> hub) {
        return new Plane(name, Plane.defaultInterfaceName(name), Cidr.parse(subnet).orElseThrow(), port, topology, List.of("all"), hub,
                OptionalInt.empty(), OptionalInt.empty(), false, false, false, ClientSettings.none(), new SourceRef("pb.yml", 1, 1));
    }

    /** Members get .1, .2, ... of the plane's subnet, in the order given. */
    static Fleet fleet(List<Host> hosts, Map<Plane, List<String>> planes) {
        Map<String, Plane> byName = new LinkedHashMap<>();
        Map<String, Map<String, InetAddress>> members = new LinkedHashMap<>();
        planes.forEach((p, names) -> {
            byName.put(p.name(), p);
            Map<String, InetAddress> m = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) m.put(names.get(i), p.subnet().addressAt(java.math.BigInteger.valueOf(i + 1)));
            members.put(p.name(), m);
        });
        Inventory inventory = new Inventory("inv.yml", hosts, Map.of("all", hosts.stream().map(Host::name).toList()));
        Playbook playbook = new Playbook("pb.yml", byName, List.of(), FirewallSettings.defaults(), Optional.empty(), Duration.ofSeconds(180));
        return new Fleet(inventory, playbook, members);
    }

    /** mgmt: a mesh of node-a, node-b, home (NAT), laptop (NAT); roam: a hub plane around node-a. */
    static Fleet mixed() {
        List<Host> hosts = List.of(host("node-a", false), host("node-b", false), host("home", true), host("laptop", true));
        Map<Plane, List<String>> planes = new LinkedHashMap<>();
        planes.put(plane("mgmt", "10.200.0.0/24", 51820, Topology.MESH, Optional.empty()), List.of("node-a", "node-b", "home", "laptop"));
        planes.put(plane("roam", "10.210.0.0/24", 443, Topology.HUB, Optional.of("node-a")), List.of("node-a", "node-b", "laptop"));
        planes.put(plane("relay-net", "10.220.0.0/24", 51830, Topology.RELAY, Optional.of("node-b")), List.of("node-a", "node-b", "home"));
        return fleet(hosts, planes);
    }
}
