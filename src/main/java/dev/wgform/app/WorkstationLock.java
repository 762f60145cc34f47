package dev.wgform.app;

import dev.wgform.apply.LockHolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One apply per inventory at a time on this workstation: a lock file beside the inventory
 * ({@code .NAME.apply-lock}) naming its holder. Hosts have their own lock too (two workstations), this one stops
 * two runs here before either touches a host. A lock left by a process that is gone is stale: it is reported and
 * removed only with --break-lock, so nobody loses track of a run that was killed half-way.
 */
public final class WorkstationLock implements AutoCloseable {
    private final Path file;
    private final String content;

    private WorkstationLock(Path file, String content) {
        this.file = file;
        this.content = content;
    }

    /** Thrown when the lock is held; the message names the holder and what to do. */
    public static final class HeldException extends Exception {
        HeldException(String message) {
            super(message);
        }
    }

    public static Path pathFor(Path inventory) {
        Path abs = inventory.toAbsolutePath().normalize();
        return abs.resolveSibling("." + abs.getFileName() + ".apply-lock");
    }

    /** Takes the lock; an inventory that does not exist needs none (reading it fails first, with its own message). */
    public static WorkstationLock acquire(Path inventory, boolean breakLock) throws IOException, HeldException {
        return acquire(inventory, breakLock, false);
    }

    /**
     * @param breakStaleHere also break, without being asked, a lock whose run died on this machine: {@code rotate
     *                       --resume} is itself the admin saying the last run is gone
     */
    public static WorkstationLock acquire(Path inventory, boolean breakLock, boolean breakStaleHere) throws IOException, HeldException {
        Path file = pathFor(inventory);
        if (!Files.isRegularFile(inventory) && !Files.isDirectory(inventory)) return new WorkstationLock(file, "");
        String mine = "pid=" + ProcessHandle.current().pid() + "\nhost=" + LockHolder.host() + "\nuser=" + LockHolder.user()
                + "\nsince=" + LockHolder.since() + "\n";
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Files.writeString(file, mine, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return new WorkstationLock(file, mine);
            } catch (FileAlreadyExistsException held) {
                Optional<String> text = read(file);
                if (text.isEmpty()) continue; // released meanwhile
                Map<String, String> f = fields(text.get());
                String holder = f.getOrDefault("user", "?") + "@" + f.getOrDefault("host", "?") + " pid " + f.getOrDefault("pid", "?")
                        + " since " + f.getOrDefault("since", "?");
                boolean here = LockHolder.host().equals(f.get("host"));
                boolean alive = here && pid(f).flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
                if (alive) {
                    throw new HeldException("another wgform run is working on " + inventory + ": " + holder
                            + " (lock " + file + "); wait for it to finish");
                }
                if (!breakLock && !(breakStaleHere && here)) {
                    throw new HeldException((here ? "a stale lock from " + holder + ", which is no longer running, was left behind"
                            : "the lock is held by " + holder + " on another machine") + " (" + file
                            + "); if that run is gone, run again with --break-lock (then plan shows what it left to do)");
                }
                Files.deleteIfExists(file);
            }
        }
        throw new HeldException("could not take the lock " + file + ": it keeps changing hands");
    }

    /** Releases the lock if it is still this run's. */
    @Override
    public void close() {
        if (content.isEmpty()) return;
        try {
            if (read(file).map(content::equals).orElse(false)) Files.deleteIfExists(file);
        } catch (IOException e) {
            // a lock that cannot be removed is reported as stale by the next run
        }
    }

    private static Optional<String> read(Path file) throws IOException {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> fields(String text) {
        Map<String, String> out = new TreeMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) out.put(line.substring(0, eq), line.substring(eq + 1).strip());
        }
        return out;
    }

    private static Optional<Long> pid(Map<String, String> f) {
        try {
            return Optional.of(Long.parseLong(f.getOrDefault("pid", "")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
