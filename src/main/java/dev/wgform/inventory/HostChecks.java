package dev.wgform.inventory;

import dev.wgform.model.Host;
import java.util.List;
import java.util.Map;

/** Host variables that name planes (wg_addresses keys and wg_ssh_via), and the address SSH would connect to. */
final class HostChecks {
    private HostChecks() {}

    static void check(LoadedInventory inventory, List<String> declaredPlanes, Map<String, List<Host>> members, Problems problems) {
        for (Host h : inventory.inventory().hosts()) {
            // only a host whose name is its address: a bad ansible_host was reported where it is written
            if (h.sshAddress().equals(h.name()) && !LinuxNames.isAddressOrDnsName(h.name())) {
                problems.add(h.source(), inventory.key(h, "ansible_host"), "host " + h.name() + " has no ansible_host, so its name"
                        + " is its address, and '" + h.name() + "' is not a DNS name ('_' is not allowed in one); set ansible_host");
            }
            for (String plane : h.planeAddresses().keySet()) {
                if (!declaredPlanes.contains(plane)) {
                    problems.add(inventory.addressWhere(h, plane), inventory.key(h, "wg_addresses") + "." + plane,
                            "wg_addresses names plane '" + plane + "', which the playbook does not define"
                                    + Suggestions.didYouMean(plane, declaredPlanes));
                }
            }
            if (h.sshVia().isPresent()) {
                String plane = h.sshVia().get();
                String key = inventory.key(h, "wg_ssh_via");
                if (!declaredPlanes.contains(plane)) {
                    problems.add(inventory.where(h, "wg_ssh_via"), key, "wg_ssh_via names plane '" + plane
                            + "', which the playbook does not define" + Suggestions.didYouMean(plane, declaredPlanes));
                } else if (members.containsKey(plane) && members.get(plane).stream().noneMatch(m -> m.name().equals(h.name()))) {
                    problems.add(inventory.where(h, "wg_ssh_via"), key, h.name() + " is reached over plane " + plane
                            + " (wg_ssh_via) but is not a member of it; add it to the plane or change wg_ssh_via");
                }
            }
        }
    }
}
