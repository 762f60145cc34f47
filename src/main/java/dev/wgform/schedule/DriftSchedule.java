package dev.wgform.schedule;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A drift check to run on this workstation every so often: the exact command line, where to run it, and the name
 * its timer, service or cron entry goes by.
 *
 * @param id               {@code wgform-drift-} and 8 hex digits of the inventory's absolute path (see
 *                         {@link #idFor}): one schedule per fleet, and installing again replaces it
 * @param inventory        absolute path of the inventory, named in the unit's description and cron comment
 * @param every            at least 1m, whole seconds
 * @param command          the full argv: an absolute launcher path first, then {@code drift} and its options
 *                         (absolute paths, so the schedule does not depend on where it was made from)
 * @param workingDirectory absolute; the command runs there, so relative paths in it still work
 */
public record DriftSchedule(String id, Path inventory, Duration every, List<String> command, Path workingDirectory) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public DriftSchedule {
        // ids become file names (/etc/cron.d allows only these characters), unit names and crontab markers
        if (!isId(id)) throw new IllegalArgumentException("bad schedule id: " + id);
        requireAbsolute("inventory", inventory);
        requireAbsolute("working directory", workingDirectory);
        if (workingDirectory.toString().endsWith(" ")) {
            // systemd drops trailing blanks of a setting, so WorkingDirectory= would name another directory
            throw new IllegalArgumentException("the working directory must not end in a space: '" + workingDirectory + "'");
        }
        if (every == null || every.compareTo(Every.MINIMUM) < 0 || every.getNano() != 0) {
            throw new IllegalArgumentException("a schedule runs at most every minute, in whole seconds: " + every);
        }
        command = List.copyOf(command);
        if (command.isEmpty() || !command.get(0).startsWith("/")) {
            throw new IllegalArgumentException("the command must start with the launcher's absolute path: " + command);
        }
        for (String arg : command) requireOneLine("command argument", arg);
    }

    /** The schedule of the fleet whose inventory is {@code inventory} (made absolute here). */
    public static DriftSchedule of(Path inventory, Duration every, List<String> command, Path workingDirectory) {
        Path absolute = inventory.toAbsolutePath().normalize();
        return new DriftSchedule(idFor(absolute), absolute, every, command, workingDirectory.toAbsolutePath().normalize());
    }

    /** {@code wgform-drift-} + the first 8 hex digits of sha256 of the absolute, normalized inventory path. */
    public static String idFor(Path inventory) {
        String path = inventory.toAbsolutePath().normalize().toString();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            return "wgform-drift-" + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * Reads an interval: numbers with units d, h, m, s, largest first ({@code 90s}, {@code 15m}, {@code 1h},
     * {@code 2h30m}, {@code 1d}); at least 1m.
     *
     * @throws IllegalArgumentException with a message for the user when the text is not such an interval
     */
    public static Duration parseEvery(String text) {
        return Every.parse(text);
    }

    /** The interval as {@link #parseEvery} reads it, e.g. {@code 15m}. */
    public String everyText() {
        return Every.text(every);
    }

    /** Whether {@code id} can name a schedule: letters, digits, '-' and '_' (safe as a file, unit and marker name). */
    static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    private static void requireAbsolute(String what, Path path) {
        if (path == null || !path.isAbsolute()) throw new IllegalArgumentException(what + " must be an absolute path: " + path);
        requireOneLine(what, path.toString());
    }

    // no unit file or crontab line can hold a line break; tabs and other control characters go with it
    private static void requireOneLine(String what, String text) {
        if (text == null) throw new IllegalArgumentException(what + " is missing");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException(what + " holds a line break, tab or other control character, which no"
                        + " unit file or crontab can carry: " + text.replace("\n", "\\n").replace("\r", "\\r"));
            }
        }
    }
}
