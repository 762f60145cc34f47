package dev.wgform.transport;

import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.config.hosts.KnownHostHashValue;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/** The OpenSSH known_hosts file: the line for a key, where an entry is, which key types a host has, appending. */
final class KnownHostsFile {
    private final Path file;

    KnownHostsFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /** The name a host's key is recorded under: {@code host} on port 22, {@code [host]:port} otherwise. */
    static String hostPattern(String host, int port) {
        return KnownHostHashValue.createHostPattern(host, port);
    }

    /** The known_hosts line recording {@code key} for {@code host:port}. */
    static String lineFor(String host, int port, PublicKey key) {
        try {
            return PublicKeyEntry.appendPublicKeyEntry(new StringBuilder(hostPattern(host, port)).append(' '), key).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The key types recorded for {@code host:port} (hashed entries included), so the handshake can ask the server
     * for a key we can check, as OpenSSH does; empty when there are none or the file cannot be read.
     */
    Set<String> keyTypesFor(String host, int port) {
        Set<String> types = new LinkedHashSet<>();
        if (!Files.isRegularFile(file)) return types;
        try {
            for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(file)) {
                AuthorizedKeyEntry key = entry.getKeyEntry();
                if (entry.getMarker() == null && key != null && entry.isHostMatch(host, port)) types.add(key.getKeyType());
            }
        } catch (IOException | RuntimeException e) {
            // the verifier reports an unreadable file; preferring key types is only an optimisation
        }
        return types;
    }

    /** The 1-based line number of an entry, given the entry's line as MINA keeps it (trimmed, comment removed). */
    OptionalInt lineNumberOf(String entryLine) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                int comment = line.indexOf('#');
                if (comment > 0) line = line.substring(0, comment).strip();
                if (line.equals(entryLine)) return OptionalInt.of(i + 1);
            }
        } catch (IOException | RuntimeException e) {
            // the message then names the host instead of the line
        }
        return OptionalInt.empty();
    }

    /**
     * Appends a line unless the file already has it (another host of the run may share the address), creating the
     * file (0600) and its directory (0700) first if missing. Callers serialise.
     */
    void append(String line) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            try {
                Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(parent);
            }
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            // appending to it
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system
        }
        byte[] existing = Files.readAllBytes(file);
        if (new String(existing, StandardCharsets.UTF_8).lines().anyMatch(l -> l.strip().equals(line))) return;
        boolean needsNewline = existing.length > 0 && existing[existing.length - 1] != '\n';
        Files.writeString(file, (needsNewline ? "\n" : "") + line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
