package dev.wgform.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * One file as wgform wants it on a host.
 *
 * @param path    absolute path on the host
 * @param content UTF-8 text, with placeholders where secrets go
 * @param mode    permission bits, e.g. {@code 0600}
 * @param kind    {@code wg}, {@code firewall} or {@code service:<name>}
 * @param sha256  lowercase hex SHA-256 of the content's UTF-8 bytes
 */
public record RenderedFile(String path, String content, int mode, String kind, String sha256) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public RenderedFile {
        if (path == null || !path.startsWith("/")) throw new IllegalArgumentException("path must be absolute: " + path);
        if (content == null || kind == null) throw new IllegalArgumentException("content and kind are required");
        if (mode < 0 || mode > 07777) throw new IllegalArgumentException("mode out of range: " + Integer.toOctalString(mode));
        if (sha256 == null || !HEX64.matcher(sha256).matches()) throw new IllegalArgumentException("sha256 must be 64 hex digits");
    }

    public static RenderedFile of(String path, String content, int mode, String kind) {
        return new RenderedFile(path, content, mode, kind, sha256(content));
    }

    /** Hex SHA-256 of the UTF-8 bytes; ASCII text (nearly every config) is hashed in chunks, without a full copy. */
    public static String sha256(String content) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        byte[] chunk = new byte[Math.min(content.length(), 8192)];
        int n = content.length();
        for (int start = 0; start < n; start += chunk.length) {
            int end = Math.min(n, start + chunk.length);
            for (int i = start; i < end; i++) {
                char c = content.charAt(i);
                if (c >= 0x80) {
                    sha.reset();
                    return HexFormat.of().formatHex(sha.digest(content.getBytes(StandardCharsets.UTF_8)));
                }
                chunk[i - start] = (byte) c;
            }
            sha.update(chunk, 0, end - start);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The mode as ls-style octal text: 0600. */
    public String modeOctal() {
        return String.format("%04o", mode);
    }
}
