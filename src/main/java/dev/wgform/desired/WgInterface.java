package dev.wgform.desired;

import dev.wgform.model.AddressText;
import java.net.InetAddress;
import java.util.List;
import java.util.OptionalInt;

/**
 * One WireGuard interface a host should have: its part of a plane.
 *
 * @param plane          plane name
 * @param name           Linux interface name (wg-mgmt)
 * @param address        this host's address on the plane
 * @param prefixLength   the plane subnet's prefix, so the subnet is routed over the interface
 * @param listenPort     absent for stealth spokes, which only initiate
 * @param mtu            interface MTU, when the plane sets one
 * @param dns            DNS servers for road-warrior clients
 * @param forwarding     the host forwards packets for its peers (relay hub, LAN router, full-tunnel hub)
 * @param fullTunnel     all traffic goes through the hub
 * @param privateKeyPath the private key file on the host
 * @param peers          in inventory order
 */
public record WgInterface(String plane, String name, InetAddress address, int prefixLength, OptionalInt listenPort,
                          OptionalInt mtu, List<String> dns, boolean forwarding, boolean fullTunnel,
                          String privateKeyPath, List<Peer> peers) {
    public WgInterface {
        if (plane == null || name == null || address == null || privateKeyPath == null) {
            throw new IllegalArgumentException("plane, name, address and private key path are required");
        }
        dns = List.copyOf(dns);
        peers = List.copyOf(peers);
    }

    /** The wg-quick Address value: 10.200.0.1/24, fd00::1/64. */
    public String addressWithPrefix() {
        return AddressText.of(address) + "/" + prefixLength;
    }
}
