package dev.wgform.desired;

/** A peer's public key: known (read from the peer host) or pending (the peer has not generated it yet). */
public sealed interface PeerKey permits PeerKey.Known, PeerKey.Pending {

    /** @param publicKey the base64 WireGuard public key */
    record Known(String publicKey) implements PeerKey {
        public Known {
            if (publicKey == null || publicKey.isBlank()) throw new IllegalArgumentException("public key is required");
        }
    }

    /** The key of {@code host}'s interface on {@code plane}, to be filled in once the host has one. */
    record Pending(String host, String plane) implements PeerKey {
        public Pending {
            if (host == null || plane == null) throw new IllegalArgumentException("host and plane are required");
        }
    }
}
