package dev.wgform.desired;

import dev.wgform.model.Cidr;
import dev.wgform.model.FirewallSettings.Backend;
import dev.wgform.model.FirewallSettings.Policy;
import dev.wgform.model.PortRule;
import java.util.List;

/**
 * What a host's firewall should let in.
 *
 * @param backend         nftables, firewalld or none; never AUTO (resolved from the host's OS family)
 * @param policy          stealth: drop everything else on the public interface; open: accept only, drop nothing
 * @param publicInterface the interface facing the internet
 * @param wireguardPorts  UDP ports of the planes this host listens on, in plane order, no duplicates
 * @param allowPublic     extra public ports from the playbook
 * @param keepPublicSsh   keep accepting SSH on the public interface
 * @param sshPort         the SSH port wgform connects to ({@code ansible_port})
 * @param planeInterfaces the host's WireGuard interfaces, trusted
 * @param masquerade      plane subnets whose traffic leaves through the public interface (hub of full-tunnel clients)
 */
public record FirewallState(Backend backend, Policy policy, String publicInterface, List<Integer> wireguardPorts,
                            List<PortRule> allowPublic, boolean keepPublicSsh, int sshPort,
                            List<String> planeInterfaces, List<Cidr> masquerade) {
    public FirewallState {
        if (backend == null || backend == Backend.AUTO) throw new IllegalArgumentException("backend must be resolved");
        if (policy == null || publicInterface == null) throw new IllegalArgumentException("policy and public interface are required");
        wireguardPorts = List.copyOf(wireguardPorts);
        allowPublic = List.copyOf(allowPublic);
        planeInterfaces = List.copyOf(planeInterfaces);
        masquerade = List.copyOf(masquerade);
    }
}
