package dev.wgform.inventory;

import dev.wgform.model.Host;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * What checking a playbook against the inventory yields for address allocation: each plane's member
 * hosts in inventory order, and the explicit wg_addresses that passed the checks.
 */
record CheckedPlaybook(Map<String, List<Host>> members, Map<String, Map<String, InetAddress>> explicit) {
}
