package dev.wgform.facts;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A peer of a running interface. {@code hasPsk} only says whether a PSK is set: its value never leaves the host.
 * {@code latestHandshake} is seconds since the epoch, 0 for never.
 */
public record LivePeer(String publicKey, boolean hasPsk, Optional<String> endpoint, List<String> allowedIps,
                       long latestHandshake, long rxBytes, long txBytes, OptionalInt keepalive) {
    public LivePeer {
        allowedIps = List.copyOf(allowedIps);
    }
}
