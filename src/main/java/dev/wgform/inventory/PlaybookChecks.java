package dev.wgform.inventory;

import dev.wgform.model.Host;
import dev.wgform.model.Plane;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every check that needs both the playbook and the inventory. */
final class PlaybookChecks {
    private PlaybookChecks() {}

    static CheckedPlaybook check(LoadedInventory inventory, ParsedPlaybook playbook, Problems problems) {
        Map<String, Plane> planes = playbook.playbook().planes();
        PlaneChecks checks = new PlaneChecks(inventory, playbook.refs(), problems);
        Map<String, List<Host>> members = checks.members(planes);
        Map<String, Map<String, InetAddress>> explicit = new LinkedHashMap<>();
        for (Plane p : planes.values()) {
            List<Host> hosts = members.get(p.name());
            checks.hubAndClients(p, hosts);
            checks.meshReachability(p, hosts);
            checks.endpointsOutsideSubnet(p, hosts);
            explicit.put(p.name(), checks.explicitAddresses(p, hosts));
            checks.lanRoutes(p, hosts, planes);
        }
        checks.acrossPlanes(planes, members);
        HostChecks.check(inventory, playbook.declaredPlanes(), members, problems);
        ServiceChecks.check(inventory, playbook, members, problems);
        return new CheckedPlaybook(members, explicit);
    }
}
