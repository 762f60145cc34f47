package dev.wgform.facts;

/**
 * An interface's private key file as seen from outside: the public key derived on the host and the file's mtime.
 * {@code publicKey} is empty when the host has no {@code wg} to derive it with (the file exists, its key is unknown).
 */
public record KeyFact(String interfaceName, String path, String publicKey, long mtimeEpoch) {
    public boolean publicKeyKnown() {
        return !publicKey.isEmpty();
    }
}
