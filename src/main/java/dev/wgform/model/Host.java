package dev.wgform.model;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A machine from the inventory, with its variables already merged in Ansible's precedence order.
 *
 * @param name              inventory host name
 * @param sshAddress        {@code ansible_host}, else the name
 * @param sshPort           {@code ansible_port}, else 22
 * @param sshUser           {@code ansible_user}
 * @param sshPrivateKeyFile {@code ansible_ssh_private_key_file}
 * @param become            {@code ansible_become}: run remote commands through non-interactive sudo
 * @param endpoint          where peers send WireGuard packets: {@code wg_endpoint}, else {@code ansible_host}
 *                          unless the host is behind NAT ({@code wg_nat}), in which case it has none
 * @param planeAddresses    {@code wg_addresses}: explicit plane addresses, by plane name
 * @param nat               {@code wg_nat}: no inbound endpoint, peers cannot initiate to it
 * @param lan               {@code wg_lan}: LAN subnets this host routes for site-to-site planes
 * @param publicInterface   {@code wg_public_interface}, else eth0
 * @param osFamily          {@code wg_os_family} (debian | redhat), else detected on the host
 * @param sshVia            {@code wg_ssh_via}: reach this host over that plane's address
 * @param sshJump           {@code wg_ssh_jump}: reach this host through that other inventory host (a bastion),
 *                          logged into as wgform reaches it
 * @param groups            every group the host is in, ancestors included, in inventory order
 * @param vars              all merged variables, for templates
 * @param source            where the host was declared
 */
public record Host(
        String name,
        String sshAddress,
        int sshPort,
        Optional<String> sshUser,
        Optional<String> sshPrivateKeyFile,
        boolean become,
        Optional<String> endpoint,
        Map<String, InetAddress> planeAddresses,
        boolean nat,
        List<Cidr> lan,
        String publicInterface,
        Optional<String> osFamily,
        Optional<String> sshVia,
        Optional<String> sshJump,
        List<String> groups,
        Map<String, Object> vars,
        SourceRef source) {

    public Host {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("host name is required");
        if (sshPort < 1 || sshPort > 65535) throw new IllegalArgumentException("ssh port out of range: " + sshPort);
        planeAddresses = Map.copyOf(planeAddresses);
        lan = List.copyOf(lan);
        groups = List.copyOf(groups);
        vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
        java.util.Objects.requireNonNull(sshJump, "sshJump");
    }

    /** A host reached directly or over a plane, without a bastion (the form before {@code wg_ssh_jump}). */
    public Host(String name, String sshAddress, int sshPort, Optional<String> sshUser, Optional<String> sshPrivateKeyFile,
                boolean become, Optional<String> endpoint, Map<String, InetAddress> planeAddresses, boolean nat, List<Cidr> lan,
                String publicInterface, Optional<String> osFamily, Optional<String> sshVia, List<String> groups,
                Map<String, Object> vars, SourceRef source) {
        this(name, sshAddress, sshPort, sshUser, sshPrivateKeyFile, become, endpoint, planeAddresses, nat, lan, publicInterface,
                osFamily, sshVia, Optional.empty(), groups, vars, source);
    }

    /** This host with its OS family set, as detected on the host when the inventory does not say. */
    public Host withOsFamily(String family) {
        return new Host(name, sshAddress, sshPort, sshUser, sshPrivateKeyFile, become, endpoint, planeAddresses, nat, lan,
                publicInterface, Optional.of(family), sshVia, sshJump, groups, vars, source);
    }

    public boolean inGroup(String group) {
        return groups.contains(group);
    }
}
