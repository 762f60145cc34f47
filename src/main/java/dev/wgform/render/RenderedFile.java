package dev.wgform.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One file as wgform wants it on a host: its absolute path on the host, its UTF-8 text (with placeholders where
 * secrets go), its permission bits (e.g. {@code 0600}) and its kind ({@code wg}, {@code firewall} or
 * {@code service:<name>}).
 *
 * <p>A class rather than a record so that the SHA-256 is worked out when first asked: planning a converged host asks
 * only for a big file with no secret in it that came as a digest (its configs are compared as redacted copies), and
 * under the launcher's C1 compiler hashing the 200 MB a 500-host mesh renders cost about 1.4 s of CPU.
 */
public final class RenderedFile {
    private final String path;
    private final String content;
    private final int mode;
    private final String kind;
    /** the content's hex SHA-256 once asked; a benign race: two threads may both hash, both get the same string */
    private String sha256;

    private RenderedFile(String path, String content, int mode, String kind) {
        if (path == null || !path.startsWith("/")) throw new IllegalArgumentException("path must be absolute: " + path);
        if (content == null || kind == null) throw new IllegalArgumentException("content and kind are required");
        if (mode < 0 || mode > 07777) throw new IllegalArgumentException("mode out of range: " + Integer.toOctalString(mode));
        this.path = path;
        this.content = content;
        this.mode = mode;
        this.kind = kind;
    }

    public static RenderedFile of(String path, String content, int mode, String kind) {
        return new RenderedFile(path, content, mode, kind);
    }

    public String path() {
        return path;
    }

    public String content() {
        return content;
    }

    public int mode() {
        return mode;
    }

    public String kind() {
        return kind;
    }

    /** Lowercase hex SHA-256 of the content's UTF-8 bytes. */
    public String sha256() {
        String s = sha256;
        if (s == null) {
            s = sha256(content);
            sha256 = s;
        }
        return s;
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

    @Override
    public boolean equals(Object o) {
        return o instanceof RenderedFile f && f.path.equals(path) && f.content.equals(content) && f.mode == mode && f.kind.equals(kind);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, content, mode, kind);
    }

    @Override
    public String toString() {
        return "RenderedFile[path=" + path + ", mode=" + modeOctal() + ", kind=" + kind + ", " + content.length() + " chars]";
    }
}
