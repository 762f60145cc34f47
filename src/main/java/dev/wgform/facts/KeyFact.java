package dev.wgform.facts;

/**
 * An interface's private key file as seen from outside: the public key derived on the host, the file's mtime and
 * mode ({@link #UNKNOWN_MODE} when not known). {@code publicKey} is empty when the host has no {@code wg} to derive
 * it with (the file exists, its key is unknown).
 */
public record KeyFact(String interfaceName, String path, String publicKey, long mtimeEpoch, int mode) {
    public static final int UNKNOWN_MODE = -1;

    public KeyFact(String interfaceName, String path, String publicKey, long mtimeEpoch) {
        this(interfaceName, path, publicKey, mtimeEpoch, UNKNOWN_MODE);
    }

    public boolean publicKeyKnown() {
        return !publicKey.isEmpty();
    }
}
