package dev.wgform.crypto;

import java.util.Base64;
import java.util.regex.Pattern;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * WireGuard's Curve25519 keys as {@code wg} handles them, without the {@code wg} binary on the workstation. Hosts'
 * private keys are made on the hosts and never come here; this computes and checks public keys, and makes keys
 * for tests and tools that need one locally.
 */
public final class WgKeys {
    /**
     * What wg's key_from_base64 accepts: 44 characters ending in '=', and the 43rd carries only 4 bits of key, so its
     * two low bits must be zero (one of the 16 letters below). Anything else is "not the correct length or format".
     */
    private static final Pattern KEY_TEXT = Pattern.compile("[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=");

    private WgKeys() {}

    /** The public key of {@code privateKey} (32 bytes), in base64 exactly as {@code wg pubkey} prints it, without the newline. */
    public static String publicKeyOf(Secret privateKey) {
        if (privateKey.length() != Secret.KEY_LENGTH) {
            throw new IllegalArgumentException("a WireGuard private key has 32 bytes, not " + privateKey.length());
        }
        byte[] pub = new byte[X25519.POINT_SIZE];
        // scalarMultBase clamps its own copy of the scalar, as wg does, so unclamped input gives wg's answer too.
        privateKey.withBytes(k -> {
            X25519.scalarMultBase(k, 0, pub, 0);
            return null;
        });
        return Base64.getEncoder().encodeToString(pub);
    }

    /** A new private key as {@code wg genkey} makes it: 32 bytes from the OS's non-blocking generator, clamped. */
    public static Secret generatePrivateKey() {
        Secret raw = Secret.randomPsk();
        try {
            return raw.withBytes(b -> {
                clamp(b);
                return Secret.ofBytes(b);
            });
        } finally {
            raw.destroy();
        }
    }

    /** A new pre-shared key as {@code wg genpsk} makes it; the same as {@link Secret#randomPsk()}. */
    public static Secret generatePsk() {
        return Secret.randomPsk();
    }

    /** True if {@code text} is a key {@code wg} would accept (public, private or pre-shared: all look alike). */
    public static boolean isValidKeyText(String text) {
        return text != null && KEY_TEXT.matcher(text).matches();
    }

    /** Enough of a public key to tell peers apart in a message: "AbCdEfGh…". */
    public static String shortForm(String publicKey) {
        return publicKey.length() <= 8 ? publicKey : publicKey.substring(0, 8) + "…";
    }

    /** The 32 bytes of a public key given as wg prints it; IllegalArgumentException if wg would refuse the text. */
    public static byte[] decodePublicKey(String text) {
        if (!isValidKeyText(text)) throw new IllegalArgumentException("not a WireGuard key (44 base64 characters ending in '=')");
        return Base64.getDecoder().decode(text);
    }

    // RFC 7748 section 5: clear the 3 low bits (a multiple of the cofactor 8), clear bit 255 and set bit 254.
    static void clamp(byte[] k) {
        if (k.length != Secret.KEY_LENGTH) throw new IllegalArgumentException("a key has 32 bytes");
        k[0] &= (byte) 248;
        k[31] &= 127;
        k[31] |= 64;
    }
}
