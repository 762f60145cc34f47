package dev.wgform.inventory;

import dev.wgform.model.Cidr;
import dev.wgform.model.Host;
import dev.wgform.model.Plane;
import dev.wgform.model.Topology;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks of planes against the inventory and each other: members, hub, reachability, addresses, ports, subnets, LANs. */
final class PlaneChecks {
    private final LoadedInventory inventory;
    private final Refs refs;
    private final Problems problems;
    private final MemberResolver resolver;

    PlaneChecks(LoadedInventory inventory, Refs refs, Problems problems) {
        this.inventory = inventory;
        this.refs = refs;
        this.problems = problems;
        this.resolver = new MemberResolver(inventory.inventory());
    }

    /** Each plane's member hosts, in inventory order. */
    Map<String, List<Host>> members(Map<String, Plane> planes) {
        Map<String, List<Host>> out = new LinkedHashMap<>();
        for (Plane p : planes.values()) {
            String path = "planes." + p.name() + ".members";
            List<Host> hosts = resolver.resolve(p.members(), path, refs, problems);
            if (hosts.isEmpty() && !p.members().isEmpty()) {
                List<String> empty = p.members().stream().filter(resolver::isGroup).toList();
                if (!empty.isEmpty()) {
                    problems.add(refs.at(path), path, "plane " + p.name() + " has no members: "
                            + (empty.size() == 1 ? "group " + empty.get(0) + " has" : "groups " + String.join(", ", empty) + " have")
                            + " no hosts");
                }
            }
            out.put(p.name(), hosts);
        }
        return out;
    }

    void hubAndClients(Plane p, List<Host> members) {
        String path = "planes." + p.name();
        if (p.topology() == Topology.MESH || p.hub().isEmpty()) return;
        String hubKey = refs.has(path + ".relay") ? path + ".relay" : path + ".hub";
        String hub = p.hub().get();
        if (!resolver.isHost(hub)) {
            String why = resolver.isGroup(hub) ? "'" + hub + "' is a group; the " + p.topology().yamlName() + " must be one host"
                    : "no host '" + hub + "' in the inventory" + resolver.didYouMean(hub);
            problems.add(refs.at(hubKey), hubKey, why);
            return;
        }
        Host hubHost = inventory.inventory().host(hub).orElseThrow();
        if (members.stream().noneMatch(h -> h.name().equals(hub))) {
            problems.add(refs.at(hubKey), hubKey, p.topology().yamlName() + " " + hub + " is not a member of plane " + p.name()
                    + "; add it (or a group holding it) to members");
        } else if (hubHost.endpoint().isEmpty()) {
            problems.add(refs.at(hubKey), hubKey, p.topology().yamlName() + " " + hub + " has no endpoint (wg_nat without"
                    + " wg_endpoint), so no spoke can reach it; pick a reachable host or set its wg_endpoint");
        }
        if (!p.clients().members().isEmpty()) {
            String clientsPath = path + ".clients.members";
            Set<String> memberNames = members.stream().map(Host::name).collect(Collectors.toSet());
            for (Host c : resolver.resolve(p.clients().members(), clientsPath, refs, problems)) {
                if (c.name().equals(hub)) {
                    problems.add(refs.at(clientsPath), clientsPath, c.name() + " is the " + p.topology().yamlName()
                            + " of plane " + p.name() + ", not a client; clients are its spokes");
                } else if (!memberNames.contains(c.name())) {
                    problems.add(refs.at(clientsPath), clientsPath, "client " + c.name() + " is not a member of plane "
                            + p.name() + "; add it to the plane's members");
                }
            }
        }
    }

    /** In a mesh every pair must be able to start a handshake: at least one of the two needs an endpoint. */
    void meshReachability(Plane p, List<Host> members) {
        if (p.topology() != Topology.MESH) return;
        List<String> unreachable = members.stream().filter(h -> h.endpoint().isEmpty()).map(Host::name).toList();
        if (unreachable.size() < 2) return;
        String path = "planes." + p.name();
        String key = refs.has(path + ".topology") ? path + ".topology" : path;
        problems.add(refs.at(key), key, "hosts " + join(unreachable) + " are behind NAT (no wg_endpoint), so in a mesh they"
                + " cannot reach each other; use topology: relay with a reachable relay host, or give them wg_endpoint");
    }

    /**
     * A member's endpoint inside the plane's own subnet cannot work: its peers route that subnet into the tunnel, so the
     * WireGuard packets meant for the endpoint would be sent into the tunnel they carry.
     */
    void endpointsOutsideSubnet(Plane p, List<Host> members) {
        List<String> inside = new ArrayList<>();
        for (Host h : members) {
            h.endpoint().flatMap(Cidr::parseAddress).filter(p.subnet()::contains)
                    .ifPresent(a -> inside.add(h.name() + " (" + h.endpoint().get() + ")"));
        }
        if (inside.isEmpty()) return;
        String path = "planes." + p.name() + ".subnet";
        problems.add(refs.at(path), path, "subnet " + p.subnet() + " of plane " + p.name() + " holds the endpoint"
                + (inside.size() == 1 ? "" : "s") + " of " + join(inside) + ": peers would route the WireGuard packets for it"
                + " into the plane itself; give the plane a range apart from the hosts' public addresses");
    }

    /** Explicit wg_addresses: inside the subnet, not its network or broadcast address, not used twice. Returns the valid ones. */
    Map<String, InetAddress> explicitAddresses(Plane p, List<Host> members) {
        Map<String, InetAddress> valid = new LinkedHashMap<>();
        Map<InetAddress, String> owner = new LinkedHashMap<>();
        Cidr subnet = p.subnet();
        for (Host h : members) {
            InetAddress a = h.planeAddresses().get(p.name());
            if (a == null) continue;
            String key = inventory.key(h, "wg_addresses") + "." + p.name();
            String shown = a.getHostAddress();
            if (!subnet.contains(a)) {
                problems.add(inventory.addressWhere(h, p.name()), key, "address " + shown + " of " + h.name()
                        + " is outside plane " + p.name() + "'s subnet " + subnet + "; pick one inside it or remove it to have one allocated");
            } else if (subnet.isReserved(a)) {
                String which = subnet.indexOf(a).signum() == 0 ? "network" : "broadcast";
                problems.add(inventory.addressWhere(h, p.name()), key, "address " + shown + " of " + h.name() + " is the "
                        + which + " address of " + subnet + "; pick a host address");
            } else if (owner.containsKey(a)) {
                problems.add(inventory.addressWhere(h, p.name()), key, "address " + shown + " on plane " + p.name()
                        + " is also given to " + owner.get(a) + "; every member needs its own address");
            } else {
                owner.put(a, h.name());
                valid.put(h.name(), a);
            }
        }
        return valid;
    }

    /** wg_lan subnets routed over a lan_routes plane must not collide with each other or with any plane's subnet. */
    void lanRoutes(Plane p, List<Host> members, Map<String, Plane> planes) {
        if (!p.lanRoutes()) return;
        List<Host> owners = new ArrayList<>();
        List<Cidr> seen = new ArrayList<>();
        for (Host h : members) {
            for (Cidr lan : h.lan()) {
                String key = inventory.key(h, "wg_lan");
                for (int i = 0; i < seen.size(); i++) {
                    if (seen.get(i).overlaps(lan)) {
                        String other = owners.get(i).name().equals(h.name()) ? "another wg_lan entry of " + h.name()
                                : owners.get(i).name() + "'s " + seen.get(i);
                        problems.add(inventory.where(h, "wg_lan"), key, "LAN " + lan + " of " + h.name() + " overlaps "
                                + other + ", both routed over plane " + p.name() + "; routed LANs must not collide, renumber one");
                    }
                }
                for (Plane q : planes.values()) {
                    if (q.subnet().overlaps(lan)) {
                        problems.add(inventory.where(h, "wg_lan"), key, "LAN " + lan + " of " + h.name() + " overlaps plane "
                                + q.name() + "'s subnet " + q.subnet() + "; a routed LAN must not collide with a plane");
                    }
                }
                owners.add(h);
                seen.add(lan);
            }
        }
    }

    /** Across planes: subnets must not overlap, interface names must differ, planes sharing a host need different ports. */
    void acrossPlanes(Map<String, Plane> planes, Map<String, List<Host>> members) {
        List<Plane> list = new ArrayList<>(planes.values());
        for (int j = 0; j < list.size(); j++) {
            Plane b = list.get(j);
            String path = "planes." + b.name();
            for (int i = 0; i < j; i++) {
                Plane a = list.get(i);
                if (a.subnet().overlaps(b.subnet())) {
                    problems.add(refs.at(path + ".subnet"), path + ".subnet", "subnet " + b.subnet() + " of plane " + b.name()
                            + " overlaps " + a.subnet() + " of plane " + a.name() + "; give each plane its own range");
                }
                if (a.interfaceName().equals(b.interfaceName())) {
                    String key = refs.has(path + ".interface") ? path + ".interface" : path;
                    problems.add(refs.at(key), path + ".interface", "planes " + a.name() + " and " + b.name()
                            + " both use interface " + b.interfaceName() + "; set a different interface: on one");
                }
                if (a.port() == b.port()) {
                    Set<String> inA = new HashSet<>();
                    members.getOrDefault(a.name(), List.of()).forEach(h -> inA.add(h.name()));
                    List<String> shared = members.getOrDefault(b.name(), List.of()).stream()
                            .map(Host::name).filter(inA::contains).toList();
                    if (!shared.isEmpty()) {
                        problems.add(refs.at(path + ".port"), path + ".port", "planes " + a.name() + " and " + b.name()
                                + " both use UDP port " + b.port() + " on " + join(shared)
                                + "; two planes on one host need different ports");
                    }
                }
            }
        }
    }

    /** "a", "a and b", "a, b and c", "a, b, c, d, e and 3 more". */
    static String join(List<String> names) {
        if (names.size() <= 1) return String.join("", names);
        if (names.size() > 5) return String.join(", ", names.subList(0, 5)) + " and " + (names.size() - 5) + " more";
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
