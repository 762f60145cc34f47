package dev.wgform.rotate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Public-key-shaped text for tests: base64 of 32 bytes (a SHA-256 of a name), so each name gives its own valid key. */
final class RotationKeys {
    private RotationKeys() {}

    static String key(String name) {
        try {
            byte[] b = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
