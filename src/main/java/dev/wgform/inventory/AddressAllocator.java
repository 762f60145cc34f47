package dev.wgform.inventory;

import dev.wgform.model.Cidr;
import dev.wgform.model.Host;
import dev.wgform.model.Plane;
import dev.wgform.model.WorkstationPeer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives every plane member an address, stably: its explicit wg_addresses entry first; else the
 * address the lock file records for it (if still inside the subnet and not taken); else the lowest
 * free host address, members taken in inventory order. So adding a host never renumbers another,
 * and a host that leaves a plane drops out of the lock.
 */
final class AddressAllocator {
    /** Each plane's members with their addresses (inventory order), and the lock to record. */
    record Allocation(Map<String, Map<String, InetAddress>> members, AddressLock lock) {
    }

    private AddressAllocator() {}

    static Allocation allocate(Map<String, Plane> planes, CheckedPlaybook checked, AddressLock previous, Refs refs, Problems problems) {
        Map<String, Map<String, InetAddress>> result = new LinkedHashMap<>();
        for (Plane plane : planes.values()) {
            List<Host> members = checked.members().getOrDefault(plane.name(), List.of());
            Map<String, InetAddress> explicit = checked.explicit().getOrDefault(plane.name(), Map.of());
            Map<String, InetAddress> assigned = new LinkedHashMap<>(explicit);
            Set<InetAddress> used = new HashSet<>(explicit.values());
            // an enrolled workstation keeps its address: members never get it (explicit ones are checked against it)
            for (WorkstationPeer w : previous.workstations()) if (w.plane().equals(plane.name())) used.add(w.address());
            for (Host h : members) {
                if (assigned.containsKey(h.name()) || h.planeAddresses().containsKey(plane.name())) continue;
                previous.address(plane.name(), h.name())
                        .filter(a -> AddressLock.usable(plane.subnet(), a) && !used.contains(a))
                        .ifPresent(a -> {
                            assigned.put(h.name(), a);
                            used.add(a);
                        });
            }
            BigInteger next = BigInteger.ZERO;
            for (Host h : members) {
                if (assigned.containsKey(h.name()) || h.planeAddresses().containsKey(plane.name())) continue;
                next = lowestFree(plane.subnet(), used, next);
                if (next == null) {
                    String path = "planes." + plane.name() + ".subnet";
                    problems.add(refs.at(path), path, "subnet " + plane.subnet() + " of plane " + plane.name()
                            + " has no free address left for " + h.name() + "; use a larger subnet");
                    break;
                }
                InetAddress a = plane.subnet().addressAt(next);
                assigned.put(h.name(), a);
                used.add(a);
            }
            Map<String, InetAddress> ordered = new LinkedHashMap<>();
            for (Host h : members) if (assigned.containsKey(h.name())) ordered.put(h.name(), assigned.get(h.name()));
            result.put(plane.name(), ordered);
        }
        return new Allocation(result, new AddressLock(result, previous.workstations()));
    }

    /** The lowest index from {@code from} whose address is neither reserved nor used; null when the subnet is full. */
    private static BigInteger lowestFree(Cidr subnet, Set<InetAddress> used, BigInteger from) {
        for (BigInteger i = from; i.compareTo(subnet.size()) < 0; i = i.add(BigInteger.ONE)) {
            InetAddress a = subnet.addressAt(i);
            if (!subnet.isReserved(a) && !used.contains(a)) return i;
        }
        return null;
    }
}
