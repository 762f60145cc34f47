package dev.wgform.app;

import dev.wgform.facts.HostFacts;
import dev.wgform.model.Fleet;
import java.util.Map;

/**
 * wg_os_family, when the inventory does not give it, is what the host's /etc/os-release says: it picks the firewall
 * backend under {@code backend: auto} and the package manager.
 */
final class DetectedOs {
    private DetectedOs() {}

    static Fleet apply(Fleet fleet, Map<String, HostFacts> facts) {
        return fleet.withHosts(h -> {
            HostFacts f = facts.get(h.name());
            if (h.osFamily().isPresent() || f == null || f.os().family().equals("unknown")) return h;
            return h.withOsFamily(f.os().family());
        });
    }
}
