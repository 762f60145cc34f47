package dev.wgform.inventory;

import dev.wgform.model.Host;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Host variables that name planes (wg_addresses keys and wg_ssh_via) or hosts (wg_ssh_jump), and the address SSH
 * would connect to.
 */
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
            jump(inventory, h, problems);
        }
    }

    /** wg_ssh_jump names another inventory host, and following the jumps never comes back to a host already passed. */
    private static void jump(LoadedInventory inventory, Host h, Problems problems) {
        if (h.sshJump().isEmpty()) return;
        String bastion = h.sshJump().get();
        String key = inventory.key(h, "wg_ssh_jump");
        if (bastion.equals(h.name())) {
            problems.add(inventory.where(h, "wg_ssh_jump"), key, h.name() + " names itself as its jump host (wg_ssh_jump);"
                    + " set wg_ssh_jump only on the hosts behind the bastion, not on a group that contains it");
            return;
        }
        if (inventory.inventory().host(bastion).isEmpty()) {
            List<String> names = new ArrayList<>();
            for (Host other : inventory.inventory().hosts()) names.add(other.name());
            problems.add(inventory.where(h, "wg_ssh_jump"), key, "wg_ssh_jump names host '" + bastion
                    + "', which is not in the inventory" + Suggestions.didYouMean(bastion, names)
                    + "; the jump host must be an inventory host (wgform logs into it with its own ansible_* settings)");
            return;
        }
        Set<String> passed = new LinkedHashSet<>(List.of(h.name()));
        Optional<String> next = Optional.of(bastion);
        while (next.isPresent()) {
            String at = next.get();
            if (!passed.add(at)) {
                if (at.equals(h.name())) { // reported once per loop member, each at its own line
                    problems.add(inventory.where(h, "wg_ssh_jump"), key, "wg_ssh_jump makes a loop: "
                            + String.join(" -> ", passed) + " -> " + at + "; one of these hosts must be reached directly");
                }
                return;
            }
            next = inventory.inventory().host(at).flatMap(Host::sshJump);
        }
    }
}
