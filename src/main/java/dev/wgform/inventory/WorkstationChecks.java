package dev.wgform.inventory;

import dev.wgform.model.AddressText;
import dev.wgform.model.Inventory;
import dev.wgform.model.Plane;
import dev.wgform.model.WorkstationPeer;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lock file's enrolled workstations against the fleet they join: each keeps an address of its plane's subnet
 * that no member and no other workstation has, a name no inventory host has (peers are named after it), and a key
 * of its own. Enrolments in planes the playbook no longer has are kept in the file but join nothing.
 */
final class WorkstationChecks {
    private static final String FIX = "; remove the enrolment (wgform workstation --remove) and enrol again";

    private WorkstationChecks() {}

    /** The enrolments that join a plane of the playbook; problems for those that cannot. */
    static List<WorkstationPeer> check(List<WorkstationPeer> enrolled, Map<String, Plane> planes, Inventory inventory,
                                       Map<String, Map<String, InetAddress>> members, Problems problems) {
        List<WorkstationPeer> out = new ArrayList<>();
        Map<String, String> addressTaken = new HashMap<>();
        Map<String, String> keyTaken = new HashMap<>();
        for (WorkstationPeer w : enrolled) {
            Plane plane = planes.get(w.plane());
            if (plane == null) continue;
            String path = "workstations." + w.name() + "." + w.plane();
            int before = problems.size();
            if (inventory.host(w.name()).isPresent()) {
                problems.add(w.source(), path, "workstation '" + w.name() + "' has the name of an inventory host; its peers"
                        + " would be named alike" + FIX + " under another --name");
            }
            if (!AddressLock.usable(plane.subnet(), w.address())) {
                problems.add(w.source(), path + ".address", "workstation " + w.name() + "'s address " + AddressText.of(w.address())
                        + " is not a host address of plane " + plane.name() + "'s subnet " + plane.subnet() + FIX);
            }
            members.getOrDefault(plane.name(), Map.of()).forEach((host, address) -> {
                if (address.equals(w.address())) {
                    problems.add(w.source(), path + ".address", "workstation " + w.name() + "'s address "
                            + AddressText.of(address) + " is also " + host + "'s on plane " + plane.name()
                            + " (wg_addresses?)" + FIX);
                }
            });
            String other = addressTaken.putIfAbsent(plane.name() + " " + AddressText.of(w.address()), w.name());
            if (other != null) {
                problems.add(w.source(), path + ".address", "workstations " + other + " and " + w.name() + " have the same"
                        + " address on plane " + plane.name() + FIX);
            }
            other = keyTaken.putIfAbsent(plane.name() + " " + w.publicKey(), w.name());
            if (other != null) {
                problems.add(w.source(), path + ".public_key", "workstations " + other + " and " + w.name() + " have the same"
                        + " public key on plane " + plane.name() + " (one key directory for two names?)" + FIX);
            }
            if (problems.size() == before) out.add(w);
        }
        return out;
    }
}
