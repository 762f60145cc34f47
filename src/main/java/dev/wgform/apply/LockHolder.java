package dev.wgform.apply;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Who is running wgform, as a host's lock file and a refusal name it: "alice@laptop pid 4242 since
 * 2026-11-26T16:55:01Z". One per JVM: every script of a run, and the workstation lock, name the same holder.
 */
public final class LockHolder {
    private static final String HOST = hostname();
    private static final String USER = System.getProperty("user.name", "unknown");
    private static final Instant SINCE = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final String CURRENT = (USER + "@" + HOST + " pid " + ProcessHandle.current().pid() + " since " + SINCE)
            .replaceAll("[^A-Za-z0-9@._:+ -]", "?"); // one safe line, whatever the names hold

    private LockHolder() {}

    public static String current() {
        return CURRENT;
    }

    /** This machine's name, as the kernel has it: no name lookup, so no DNS query. */
    public static String host() {
        return HOST;
    }

    public static String user() {
        return USER;
    }

    public static Instant since() {
        return SINCE;
    }

    private static String hostname() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) return name;
        } catch (IOException | RuntimeException e) {
            // not Linux: the environment may say
        }
        String env = System.getenv("HOSTNAME");
        return env == null || env.isBlank() ? "localhost" : env.strip();
    }
}
