package dev.wgform.inventory;

import dev.wgform.model.Host;
import dev.wgform.model.ServiceBinding;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Services against planes and the inventory: the plane exists, its hosts are on it, no port is bound twice. */
final class ServiceChecks {
    private ServiceChecks() {}

    static void check(LoadedInventory inventory, ParsedPlaybook playbook, Map<String, List<Host>> members, Problems problems) {
        Refs refs = playbook.refs();
        MemberResolver resolver = new MemberResolver(inventory.inventory());
        List<String> declared = playbook.declaredPlanes();
        /** plane + host + port -> the service already listening there */
        Map<String, String> listening = new HashMap<>();
        for (ServiceBinding s : playbook.playbook().services()) {
            String path = "services." + s.name();
            if (!declared.contains(s.plane())) {
                problems.add(refs.at(path + ".plane"), path + ".plane", "service " + s.name() + " is bound to plane '" + s.plane()
                        + "', which the playbook does not define" + Suggestions.didYouMean(s.plane(), declared));
                continue;
            }
            if (!members.containsKey(s.plane())) continue; // the plane has problems of its own
            List<Host> onPlane = members.get(s.plane());
            List<Host> hosts = onPlane;
            if (!s.hosts().isEmpty()) {
                hosts = resolver.resolve(s.hosts(), path + ".hosts", refs, problems);
                Set<String> memberNames = onPlane.stream().map(Host::name).collect(Collectors.toSet());
                List<String> off = hosts.stream().map(Host::name).filter(n -> !memberNames.contains(n)).toList();
                if (!off.isEmpty()) {
                    problems.add(refs.at(path + ".hosts"), path + ".hosts", "service " + s.name() + " is bound to plane "
                            + s.plane() + ", but " + PlaneChecks.join(off) + (off.size() == 1 ? " is" : " are")
                            + " not on that plane; add them to the plane's members or narrow hosts:");
                }
            }
            if (s.port().isEmpty()) continue;
            int port = s.port().getAsInt();
            for (Host h : hosts) {
                String other = listening.putIfAbsent(s.plane() + "|" + h.name() + "|" + port, s.name());
                if (other != null) {
                    String key = refs.has(path + ".port") ? path + ".port" : path;
                    problems.add(refs.at(key), path + ".port", "services " + other + " and " + s.name() + " would both listen on"
                            + " port " + port + " of " + h.name() + "'s " + s.plane() + " address; give one another port");
                    break;
                }
            }
        }
    }
}
