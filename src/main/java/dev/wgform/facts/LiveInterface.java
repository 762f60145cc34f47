package dev.wgform.facts;

import java.util.List;
import java.util.OptionalInt;

/** A running WireGuard interface as {@code wg show all dump} reports it, secrets blanked on the host. */
public record LiveInterface(String name, String publicKey, OptionalInt listenPort, List<LivePeer> peers) {
    public LiveInterface {
        peers = List.copyOf(peers);
    }
}
