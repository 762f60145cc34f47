package dev.wgform.desired;

import dev.wgform.model.Cidr;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One [Peer] section of a host's interface.
 *
 * @param host       the peer's inventory name
 * @param key        the peer's public key, or a pending marker
 * @param endpoint   {@code 203.0.113.1:51820} or {@code [2001:db8::1]:51820}; absent when the peer cannot be dialled
 *                   (behind NAT, or a stealth spoke without a listen port)
 * @param allowedIps what this host routes to the peer
 * @param keepalive  PersistentKeepalive, set when this host must keep the path open
 * @param pskPath    the pre-shared key file on this host, when the plane uses PSKs
 */
public record Peer(String host, PeerKey key, Optional<String> endpoint, List<Cidr> allowedIps, OptionalInt keepalive,
                   Optional<String> pskPath) {
    public Peer {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("peer host is required");
        if (key == null) throw new IllegalArgumentException("peer key is required");
        allowedIps = List.copyOf(allowedIps); // no copy when already immutable: the lists are shared across hosts
    }
}
