package dev.wgform.inventory;

import dev.wgform.model.Cidr;
import dev.wgform.model.ClientSettings;
import dev.wgform.model.Plane;
import dev.wgform.model.Topology;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/** Reads one entry of the playbook's {@code planes:} map. */
final class PlaneParser {
    static final List<String> PLANE_KEYS = List.of("interface", "subnet", "port", "topology", "members", "hub", "relay",
            "keepalive", "mtu", "psk", "stealth", "lan_routes", "clients");
    static final List<String> CLIENT_KEYS = List.of("members", "full_tunnel", "dns");
    static final List<String> TOPOLOGIES = List.of("mesh", "hub", "relay");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    private PlaneParser() {}

    /** The plane, or empty when something it needs is missing or wrong (each reported). */
    static Optional<Plane> parse(YamlEntry entry, Problems problems) {
        String name = entry.key();
        String path = "planes." + name;
        if (!NAME.matcher(name).matches()) {
            problems.add(entry.keyWhere(), path, "plane name '" + name + "' may only use letters, digits, _ and -");
            return Optional.empty();
        }
        if (entry.value() instanceof YamlScalar && ((YamlScalar) entry.value()).isNull()) {
            problems.add(entry.keyWhere(), path, "plane " + name + " is empty; give it subnet:, port: and members:");
            return Optional.empty();
        }
        Optional<YamlMap> node = Values.map(entry.value(), path, problems);
        if (node.isEmpty()) return Optional.empty();
        YamlMap map = node.get();
        Keys.check(map, path, PLANE_KEYS, problems);
        int before = problems.size();

        String interfaceName = map.get("interface").flatMap(v -> Values.text(v, path + ".interface", problems))
                .orElse(Plane.defaultInterfaceName(name));
        LinuxNames.interfaceProblem(interfaceName).ifPresent(why -> problems.add(
                map.get("interface").map(YamlNode::where).orElse(entry.keyWhere()), path + ".interface",
                why + (map.get("interface").isPresent() ? "" : " (the default wg-<plane>); set interface: to a shorter name")));
        // Linux and wg-quick take "-h", but the host's scripts pass the name to wg show, ip and systemctl as an argument
        if (interfaceName.startsWith("-")) {
            problems.add(map.get("interface").map(YamlNode::where).orElse(entry.keyWhere()), path + ".interface",
                    "interface name '" + interfaceName + "' must not start with '-': wg, ip and systemctl would read it as an option");
        }
        Optional<Cidr> subnet = required(map, "subnet", path, entry, problems, "the plane's address range, e.g. 10.200.0.0/24")
                .flatMap(v -> Values.network(v, path + ".subnet", problems));
        Optional<Integer> port = required(map, "port", path, entry, problems, "the UDP port WireGuard listens on, e.g. 51820")
                .flatMap(v -> Values.port(v, path + ".port", problems));
        List<String> members = map.get("members")
                .flatMap(v -> Values.textList(v, path + ".members", problems, "[core, laptops]"))
                .map(l -> l.stream().map(Text::value).toList()).orElse(List.of());
        if (map.get("members").isEmpty() || (members.isEmpty() && map.get("members").get() instanceof YamlList)) {
            problems.add(map.get("members").map(YamlNode::where).orElse(entry.keyWhere()), path + ".members",
                    "plane " + name + " has no members: add members: [group or host, ...]");
        }
        Optional<Topology> topology = topology(map, path, problems);
        Optional<String> hub = topology.isPresent() ? hub(map, path, topology.get(), problems) : Optional.empty();
        OptionalInt keepalive = optionalInt(map, "keepalive", path, 1, 65535, problems);
        OptionalInt mtu = optionalInt(map, "mtu", path, 576, 65535, problems);
        boolean psk = flag(map, "psk", path, problems);
        boolean stealth = flag(map, "stealth", path, problems);
        boolean lanRoutes = flag(map, "lan_routes", path, problems);
        ClientSettings clients = map.get("clients").map(v -> clients(v, path + ".clients", problems)).orElse(ClientSettings.none());

        if (topology.isPresent() && topology.get() == Topology.MESH) {
            if (stealth) {
                problems.add(map.get("stealth").orElseThrow().where(), path + ".stealth", "stealth members have no ListenPort,"
                        + " so in a mesh nobody could reach them; use topology: hub (or relay) for a stealth plane");
            }
            if (map.get("clients").isPresent()) {
                problems.add(map.get("clients").get().where(), path + ".clients",
                        "clients: applies to the spokes of a hub or relay plane; use topology: hub or relay, or remove it");
            }
        }
        if (problems.size() > before || subnet.isEmpty() || port.isEmpty() || topology.isEmpty()) return Optional.empty();
        if (topology.get() != Topology.MESH && hub.isEmpty()) return Optional.empty();
        return Optional.of(new Plane(name, interfaceName, subnet.get(), port.get(), topology.get(), members, hub, keepalive, mtu,
                psk, stealth, lanRoutes, clients, entry.keyWhere()));
    }

    private static Optional<YamlNode> required(YamlMap map, String key, String path, YamlEntry plane, Problems problems, String what) {
        Optional<YamlNode> v = map.get(key);
        if (v.isEmpty()) problems.add(plane.keyWhere(), path + "." + key, key + " is required: " + what);
        return v;
    }

    /** mesh unless written; hub: alone implies hub, relay: alone implies relay. */
    private static Optional<Topology> topology(YamlMap map, String path, Problems problems) {
        Optional<String> written = map.get("topology").flatMap(v -> Values.choice(v, path + ".topology", problems, TOPOLOGIES));
        if (map.get("topology").isPresent() && written.isEmpty()) return Optional.empty();
        boolean hasHub = map.get("hub").isPresent();
        boolean hasRelay = map.get("relay").isPresent();
        if (hasHub && hasRelay) {
            problems.add(map.get("relay").get().where(), path + ".relay", "write either hub: or relay: (its synonym), not both");
            return Optional.empty();
        }
        if (written.isEmpty()) {
            if (hasRelay) return Optional.of(Topology.RELAY);
            return Optional.of(hasHub ? Topology.HUB : Topology.MESH);
        }
        Topology t = Topology.valueOf(written.get().toUpperCase(Locale.ROOT));
        if (t == Topology.MESH && (hasHub || hasRelay)) {
            String key = hasHub ? "hub" : "relay";
            problems.add(map.get(key).get().where(), path + "." + key, "a mesh has no " + key
                    + ": every member peers with every other; remove " + key + ": or set topology: " + key);
        } else if (t != Topology.MESH && !hasHub && !hasRelay) {
            problems.add(map.get("topology").get().where(), path + ".topology", "topology " + t.yamlName() + " needs a "
                    + t.yamlName() + " host: add hub: <host> (a member every spoke can reach)");
        } else if (t == Topology.HUB && hasRelay) {
            problems.add(map.get("relay").get().where(), path + ".relay", "relay: is for topology: relay; with topology: hub write hub:");
        }
        return Optional.of(t);
    }

    private static Optional<String> hub(YamlMap map, String path, Topology topology, Problems problems) {
        if (topology == Topology.MESH) return Optional.empty();
        String key = map.get("relay").isPresent() ? "relay" : "hub";
        return map.get(key).flatMap(v -> Values.text(v, path + "." + key, problems)).map(String::trim);
    }

    private static OptionalInt optionalInt(YamlMap map, String key, String path, int min, int max, Problems problems) {
        Optional<Long> v = map.get(key).flatMap(n -> Values.integer(n, path + "." + key, problems, min, max));
        return v.isPresent() ? OptionalInt.of(v.get().intValue()) : OptionalInt.empty();
    }

    static boolean flag(YamlMap map, String key, String path, Problems problems) {
        return map.get(key).flatMap(v -> Values.bool(v, Keys.join(path, key), problems)).orElse(false);
    }

    private static ClientSettings clients(YamlNode node, String path, Problems problems) {
        Optional<YamlMap> map = Values.map(node, path, problems);
        if (map.isEmpty()) return ClientSettings.none();
        Keys.check(map.get(), path, CLIENT_KEYS, problems);
        List<String> members = map.get().get("members")
                .flatMap(v -> Values.textList(v, path + ".members", problems, "[laptops]"))
                .map(l -> l.stream().map(Text::value).toList()).orElse(List.of());
        boolean fullTunnel = flag(map.get(), "full_tunnel", path, problems);
        List<String> dns = map.get().get("dns").map(v -> dns(v, path + ".dns", problems)).orElse(List.of());
        return new ClientSettings(members, fullTunnel, dns);
    }

    private static List<String> dns(YamlNode node, String path, Problems problems) {
        Optional<YamlList> list = Values.list(node, path, problems, "[1.1.1.1, 9.9.9.9]");
        if (list.isEmpty()) return List.of();
        List<String> out = new java.util.ArrayList<>();
        for (YamlNode item : list.get().items()) {
            if (Values.address(item, path, problems).isPresent()) out.add(((YamlScalar) item).text().trim());
        }
        return out;
    }
}
