package dev.wgform.inventory;

import dev.wgform.model.Fleet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A validated fleet, and the address lock that goes with it.
 *
 * @param fleet       inventory, playbook and every member's plane address
 * @param lock        the addresses to record (every plane member's)
 * @param lockChanged whether {@link #lockPath} differs from {@link #lock} (new or changed allocations)
 * @param lockPath    the lock file beside the inventory
 */
public record LoadedFleet(Fleet fleet, AddressLock lock, boolean lockChanged, Path lockPath) {

    /** Writes the lock file if it changed: to a temporary file beside it, then renamed over it. */
    public void saveLockIfChanged() throws IOException {
        if (!lockChanged) return;
        writeLock(lockPath, lock);
    }

    /** Writes {@code lock} to {@code lockPath}: to a temporary file beside it, then renamed over it. */
    public static void writeLock(Path lockPath, AddressLock lock) throws IOException {
        Path dir = lockPath.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + lockPath.getFileName() + ".", ".tmp");
        try {
            Files.write(temp, lock.toYaml().getBytes(StandardCharsets.UTF_8));
            setReadableMode(temp, lockPath);
            try {
                Files.move(temp, lockPath, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, lockPath, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The lock file is committed, not secret: keep the old file's mode, else rw-r--r-- (temp files start 0600). */
    private static void setReadableMode(Path temp, Path lockPath) throws IOException {
        try {
            Set<PosixFilePermission> mode = Files.exists(lockPath) ? Files.getPosixFilePermissions(lockPath)
                    : PosixFilePermissions.fromString("rw-r--r--");
            Files.setPosixFilePermissions(temp, mode);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its default permissions apply
        }
    }
}
