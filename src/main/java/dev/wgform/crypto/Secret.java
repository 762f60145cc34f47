package dev.wgform.crypto;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Function;

/**
 * Secret bytes (a WireGuard pre-shared key) held only in memory on the workstation. It cannot print itself:
 * {@link #toString()} says {@code (sensitive)}, and the one way out as text is {@link #base64ForTransfer()},
 * meant only for writing the value into a remote script's heredoc. Equality is identity, so secrets never end up
 * compared (or hashed) by content in collections.
 */
public final class Secret {
    /** Length of a WireGuard key: 32 bytes. */
    public static final int KEY_LENGTH = 32;

    private final byte[] bytes;
    private boolean destroyed;

    private Secret(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A fresh pre-shared key: 32 bytes from the OS's non-blocking generator (/dev/urandom), never blocking. */
    public static Secret randomPsk() {
        return random(KEY_LENGTH, nonBlockingRandom());
    }

    /** {@code length} bytes from {@code random}; for tests and other key sizes. */
    public static Secret random(int length, SecureRandom random) {
        if (length <= 0) throw new IllegalArgumentException("length must be positive");
        byte[] b = new byte[length];
        random.nextBytes(b);
        return new Secret(b);
    }

    /** A copy of {@code bytes}; the caller should zero its own array. */
    public static Secret ofBytes(byte[] bytes) {
        if (bytes.length == 0) throw new IllegalArgumentException("a secret cannot be empty");
        return new Secret(bytes.clone());
    }

    /**
     * The value as standard base64 (the form {@code wg genpsk} prints). Use it only to put the value inside a
     * script that travels on the SSH channel; never log it, print it or pass it on a command line.
     */
    public String base64ForTransfer() {
        checkAlive();
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * Lends a copy of the bytes to {@code use} (for key arithmetic in this package) and zeroes the copy afterwards;
     * {@code use} must not keep the array or return it.
     */
    <T> T withBytes(Function<byte[], T> use) {
        checkAlive();
        byte[] copy = bytes.clone();
        try {
            return use.apply(copy);
        } finally {
            Arrays.fill(copy, (byte) 0);
        }
    }

    /** Number of bytes. */
    public int length() {
        return bytes.length;
    }

    /** Zeroes the bytes; afterwards the secret cannot be read. */
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
        destroyed = true;
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "(sensitive)";
    }

    private void checkAlive() {
        if (destroyed) throw new IllegalStateException("secret was destroyed");
    }

    // NativePRNGNonBlocking reads /dev/urandom; getInstanceStrong() may block on /dev/random on an idle VM.
    private static SecureRandom nonBlockingRandom() {
        try {
            return SecureRandom.getInstance("NativePRNGNonBlocking");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom(); // DRBG elsewhere (Windows, macOS without NativePRNG): seeded once, never blocks later
        }
    }
}
