package dev.wgform.desired;

import dev.wgform.model.Cidr;
import dev.wgform.model.FirewallSettings;
import dev.wgform.model.FirewallSettings.Backend;
import dev.wgform.model.Host;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A host's firewall from the playbook's policy and the planes it is on. */
final class Firewalls {
    private Firewalls() {}

    static FirewallState forHost(FirewallSettings settings, Host host, List<WgInterface> interfaces, List<Cidr> masquerade) {
        Set<Integer> ports = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        for (WgInterface i : interfaces) {
            i.listenPort().ifPresent(ports::add);
            names.add(i.name());
        }
        return new FirewallState(backend(settings.backend(), host), settings.policy(), host.publicInterface(),
                List.copyOf(ports), settings.allowPublic(), settings.keepPublicSsh(), host.sshPort(), names, masquerade);
    }

    /** auto: firewalld on the RHEL family, where it is the native tool; nftables everywhere else. */
    static Backend backend(Backend configured, Host host) {
        if (configured != Backend.AUTO) return configured;
        boolean redhat = host.osFamily().map(f -> f.equalsIgnoreCase("redhat")).orElse(false);
        return redhat ? Backend.FIREWALLD : Backend.NFTABLES;
    }
}
