package dev.wgform.view;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file others read whole (Prometheus textfile, HTML page, rotation journal, the workstation's wg-quick
 * file) the way a reader polling it needs: a temp file beside it (0600 from the start), synced, given its mode, then
 * renamed over it, so nobody ever reads half of it; the temp file goes if anything fails.
 */
public final class ReportFile {
    private ReportFile() {}

    /** Mode 0644: a report anyone may read. */
    public static void write(Path file, String text) throws IOException {
        write(file, text, "rw-r--r--");
    }

    /** @param posixMode the file's mode once in place, e.g. {@code rw-------} */
    public static void write(Path file, String text, String posixMode) throws IOException {
        Path target = file.toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) ch.write(bytes);
                ch.force(true);
            }
            if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(posixMode));
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}
