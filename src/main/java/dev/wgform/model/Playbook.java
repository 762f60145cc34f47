package dev.wgform.model;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The desired planes, service bindings and firewall policy.
 *
 * @param source     the playbook file
 * @param planes     by name, in playbook order
 * @param services   in playbook order
 * @param firewall   firewall settings
 * @param keyMaxAge  {@code key_max_age}: keys older than this are flagged
 * @param staleAfter {@code stale_after}: a peer whose handshake is older is stale (default 180 s)
 */
public record Playbook(
        String source,
        Map<String, Plane> planes,
        List<ServiceBinding> services,
        FirewallSettings firewall,
        Optional<Duration> keyMaxAge,
        Duration staleAfter) {

    public Playbook {
        planes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(planes));
        services = List.copyOf(services);
    }
}
