package dev.wgform.drift;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One peer as one host's running interface sees it.
 *
 * @param plane              the plane
 * @param host               the host whose interface this is
 * @param peer               the peer's inventory name, or its public key shortened ("xTIBA5rb…") when no host of the
 *                           plane has that key
 * @param handshakeAgeSeconds seconds since the latest handshake by the host's clock; empty for never
 * @param rxBytes            bytes received from the peer
 * @param txBytes            bytes sent to the peer
 * @param endpoint           the peer's current endpoint (ip:port), if known
 * @param keepalive          the interface keeps this peer alive (PersistentKeepalive set)
 * @param stale              keepalive is set and the handshake is older than stale_after, or there never was one
 */
public record PeerHealth(String plane, String host, String peer, OptionalLong handshakeAgeSeconds, long rxBytes,
                         long txBytes, Optional<String> endpoint, boolean keepalive, boolean stale) {
    public PeerHealth {
        Objects.requireNonNull(plane, "plane");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(handshakeAgeSeconds, "handshakeAgeSeconds");
        Objects.requireNonNull(endpoint, "endpoint");
    }
}
