package dev.wgform.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Who installs the schedule and where its files go; {@link #current()} is this machine, tests make one in a temp dir.
 *
 * @param user           the user name, written into /etc/cron.d entries and the linger hint
 * @param root           root installs system-wide (system units, /etc/cron.d), anyone else for themselves
 * @param systemdRunning whether systemd is this machine's init, as {@code /run/systemd/system} tells (sd_booted)
 * @param systemUnitDir  {@code /etc/systemd/system}
 * @param userUnitDir    {@code ~/.config/systemd/user} (or under $XDG_CONFIG_HOME)
 * @param cronDir        {@code /etc/cron.d}
 * @param logger         absolute path of {@code logger}, when there is one, for cron output to syslog
 */
public record Workstation(String user, boolean root, boolean systemdRunning, Path systemUnitDir, Path userUnitDir,
                          Path cronDir, Optional<Path> logger) {
    public Workstation {
        if (user == null || user.isBlank()) throw new IllegalArgumentException("user is required");
        if (systemUnitDir == null || userUnitDir == null || cronDir == null || logger == null) {
            throw new IllegalArgumentException("every location is required");
        }
    }

    public static Workstation current() {
        String home = System.getProperty("user.home");
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path config = xdg != null && xdg.startsWith("/") ? Path.of(xdg) : Path.of(home, ".config");
        return new Workstation(System.getProperty("user.name"), effectiveUid() == 0,
                Files.isDirectory(Path.of("/run/systemd/system")), Path.of("/etc/systemd/system"),
                config.resolve("systemd").resolve("user"), Path.of("/etc/cron.d"), onPath("logger"));
    }

    // the "Uid:" line of /proc/self/status is real, effective, saved, filesystem; the effective one decides access
    private static long effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or an odd /proc: fall through to the name
        }
        return "root".equals(System.getProperty("user.name")) ? 0 : -1;
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin" : path).split(":")) {
            if (!dir.startsWith("/")) continue;
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }
}
