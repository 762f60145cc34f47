package dev.wgform.desired;

import java.util.Optional;

/**
 * Where peers' WireGuard public keys come from. Keys are generated on the hosts and read back from them,
 * so offline (validate, render) they are unknown and configs carry a pending placeholder instead.
 */
@FunctionalInterface
public interface PublicKeys {
    /** The public key of {@code host}'s interface on {@code plane}, when known. */
    Optional<String> of(String host, String plane);

    /** No key is known: every peer key is pending. */
    static PublicKeys none() {
        return (host, plane) -> Optional.empty();
    }
}
