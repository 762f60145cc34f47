package dev.wgform.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A WireGuard network laid over the fleet: one interface on each member host.
 *
 * @param name          plane name (mgmt, data, ...)
 * @param interfaceName Linux interface name, {@code wg-<name>} unless set; at most 15 characters
 * @param subnet        the plane's address range; member addresses lie inside it
 * @param port          UDP listen port
 * @param topology      mesh, hub or relay
 * @param members       groups or host names, as written
 * @param hub           the hub or relay host (required for hub and relay)
 * @param keepalive     PersistentKeepalive for peers that must keep NAT mappings open
 * @param mtu           interface MTU
 * @param psk           a pre-shared key per peer pair
 * @param stealth       spokes (non-hub members) have no ListenPort: they only initiate
 * @param lanRoutes     route members' {@code wg_lan} subnets over this plane (site-to-site)
 * @param clients       road-warrior settings for spokes (full tunnel, DNS)
 * @param source        where the plane was declared
 */
public record Plane(
        String name,
        String interfaceName,
        Cidr subnet,
        int port,
        Topology topology,
        List<String> members,
        Optional<String> hub,
        OptionalInt keepalive,
        OptionalInt mtu,
        boolean psk,
        boolean stealth,
        boolean lanRoutes,
        ClientSettings clients,
        SourceRef source) {

    public Plane {
        members = List.copyOf(members);
        if (topology != Topology.MESH && hub.isEmpty()) throw new IllegalArgumentException(topology.yamlName() + " plane needs a hub");
    }

    public static String defaultInterfaceName(String planeName) {
        return "wg-" + planeName;
    }
}
