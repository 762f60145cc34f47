package dev.wgform.model;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated inventory and playbook, with every member's plane address resolved (explicit or allocated).
 * Everything downstream (desired state, plans) starts from a Fleet, never from raw YAML.
 *
 * @param inventory the hosts
 * @param playbook  the planes, services and firewall policy
 * @param members      for each plane, its member hosts' addresses, in inventory order
 * @param workstations admin workstations enrolled in the planes (the lock file's {@code workstations:}), each a peer
 *                     of its plane's members that it can dial
 */
public record Fleet(Inventory inventory, Playbook playbook, Map<String, Map<String, InetAddress>> members,
                    List<WorkstationPeer> workstations) {
    public Fleet {
        Map<String, Map<String, InetAddress>> copy = new LinkedHashMap<>();
        members.forEach((plane, m) -> copy.put(plane, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m))));
        members = java.util.Collections.unmodifiableMap(copy);
        workstations = List.copyOf(workstations);
    }

    /** A fleet without enrolled workstations. */
    public Fleet(Inventory inventory, Playbook playbook, Map<String, Map<String, InetAddress>> members) {
        this(inventory, playbook, members, List.of());
    }

    /** The workstations enrolled in {@code plane}, in lock file order. */
    public List<WorkstationPeer> workstationsOf(String plane) {
        List<WorkstationPeer> out = new ArrayList<>();
        for (WorkstationPeer w : workstations) if (w.plane().equals(plane)) out.add(w);
        return out;
    }

    /** The same fleet with some hosts replaced (same names), e.g. with facts learnt from the hosts. */
    public Fleet withHosts(java.util.function.UnaryOperator<Host> change) {
        List<Host> hosts = new ArrayList<>();
        for (Host h : inventory.hosts()) hosts.add(change.apply(h));
        return new Fleet(new Inventory(inventory.source(), hosts, inventory.groups()), playbook, members, workstations);
    }

    public Plane plane(String name) {
        Plane p = playbook.planes().get(name);
        if (p == null) throw new IllegalArgumentException("no plane " + name);
        return p;
    }

    /** The plane's member hosts in inventory order. */
    public List<Host> membersOf(String plane) {
        List<Host> out = new ArrayList<>();
        for (String name : members.getOrDefault(plane, Map.of()).keySet()) out.add(inventory.host(name).orElseThrow());
        return out;
    }

    /** The planes a host is a member of, in playbook order. */
    public List<Plane> planesOf(String host) {
        List<Plane> out = new ArrayList<>();
        for (Plane p : playbook.planes().values()) if (members.getOrDefault(p.name(), Map.of()).containsKey(host)) out.add(p);
        return out;
    }

    public Optional<InetAddress> address(String plane, String host) {
        return Optional.ofNullable(members.getOrDefault(plane, Map.of()).get(host));
    }
}
