package dev.wgform.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

/**
 * A private key kept in a local file, as {@code wg genkey > file} would: base64 and a newline, mode 0600 from the
 * moment the file exists (never created readable and tightened afterwards). The key's value never leaves this class
 * as text.
 */
public final class KeyFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private KeyFiles() {}

    /**
     * Writes {@code key} to a new file {@code file} (mode 0600).
     *
     * @throws FileAlreadyExistsException when the file exists: a key is never overwritten
     */
    public static void create(Path file, Secret key) throws IOException {
        byte[] text = key.withBytes(b -> (Base64.getEncoder().encodeToString(b) + "\n").getBytes(StandardCharsets.US_ASCII));
        try (OutputStream out = Files.newOutputStream(Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY)),
                StandardOpenOption.WRITE)) {
            out.write(text);
        } finally {
            Arrays.fill(text, (byte) 0);
        }
    }

    /**
     * Reads a private key file.
     *
     * @throws IOException naming the file (never its content) when it is unreadable, readable by others than its
     *                     owner, or not a WireGuard key
     */
    public static Secret read(Path file) throws IOException {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(mode)) {
            throw new IOException(file + " is readable by others (mode " + PosixFilePermissions.toString(mode)
                    + "); make it 0600 (chmod 600 " + file + ")");
        }
        byte[] raw = Files.readAllBytes(file);
        byte[] key = null;
        try {
            key = Base64.getDecoder().decode(new String(raw, StandardCharsets.US_ASCII).strip());
            if (key.length != Secret.KEY_LENGTH) throw new IllegalArgumentException();
            return Secret.ofBytes(key);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " does not hold a WireGuard private key (base64 of 32 bytes, as wg genkey writes)");
        } finally {
            Arrays.fill(raw, (byte) 0);
            if (key != null) Arrays.fill(key, (byte) 0);
        }
    }
}
