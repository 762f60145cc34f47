package dev.wgform.schedule;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Quoting an argv for the three readers it meets: systemd's ExecStart=, /bin/sh, and cron in front of sh. Callers have
 * refused control characters already (see {@link DriftSchedule}).
 */
public final class Quoting {
    // words made only of these need no quotes in sh or in systemd (after % is doubled there, which it is not here)
    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_@+=:,./-]+");

    private Quoting() {}

    /**
     * One ExecStart= word. systemd reads {@code "..."} with C escapes ({@code \\}, {@code \"}), expands {@code $VAR}
     * ({@code $$} is a dollar) and {@code %x} specifiers ({@code %%} is a percent sign), both inside quotes too.
     */
    public static String systemdWord(String arg) {
        if (BARE.matcher(arg).matches()) return arg;
        String escaped = arg.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "$$");
        return "\"" + systemdValue(escaped) + "\"";
    }

    /** A whole ExecStart= command line. */
    public static String systemdCommand(List<String> argv) {
        return argv.stream().map(Quoting::systemdWord).collect(Collectors.joining(" "));
    }

    /** A free-text or path setting (Description=, WorkingDirectory=): taken as it is, except for % specifiers. */
    public static String systemdValue(String text) {
        return text.replace("%", "%%");
    }

    /** One word for /bin/sh: bare when safe, else in single quotes (a quote inside becomes {@code '\''}). */
    public static String shWord(String arg) {
        if (BARE.matcher(arg).matches()) return arg;
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    /** A command line for /bin/sh. */
    public static String shCommand(List<String> argv) {
        return argv.stream().map(Quoting::shWord).collect(Collectors.joining(" "));
    }

    /**
     * One word for a crontab command, which cron reads before sh does: an unescaped {@code %} ends the command (the
     * rest becomes its standard input), and cron turns {@code \%} into {@code %} but keeps every other backslash. So
     * each {@code %} goes outside the sh quotes as {@code \%} (sh reads that as {@code %} too), never right after a
     * backslash of the argument itself, which would then escape the wrong character.
     */
    public static String cronWord(String arg) {
        if (arg.indexOf('%') < 0) return shWord(arg);
        String[] pieces = arg.split("%", -1);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < pieces.length; i++) {
            if (i > 0) word.append("\\%");
            // a piece ending in a backslash is never bare, so it ends in a quote; an empty piece adds nothing
            if (!pieces[i].isEmpty()) word.append(shWord(pieces[i]));
        }
        return word.toString();
    }

    /** A command line for a crontab entry. */
    public static String cronCommand(List<String> argv) {
        return argv.stream().map(Quoting::cronWord).collect(Collectors.joining(" "));
    }
}
