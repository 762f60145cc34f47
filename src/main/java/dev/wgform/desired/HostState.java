package dev.wgform.desired;

import dev.wgform.model.Host;
import java.util.List;

/**
 * Everything wgform wants on one host: its plane interfaces, service bindings and firewall.
 *
 * @param interfaces in playbook plane order
 * @param services   in playbook order
 */
public record HostState(Host host, List<WgInterface> interfaces, List<ServiceState> services, FirewallState firewall) {
    public HostState {
        if (host == null || firewall == null) throw new IllegalArgumentException("host and firewall are required");
        interfaces = List.copyOf(interfaces);
        services = List.copyOf(services);
    }
}
