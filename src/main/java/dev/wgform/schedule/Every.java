package dev.wgform.schedule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The interval of a schedule as users write it ({@code 15m}, {@code 2h30m}) and as systemd reads it. */
final class Every {
    static final Duration MINIMUM = Duration.ofMinutes(1);

    // largest unit first, each at most once, like Go's and systemd's spans; "M" is left out on purpose (month or minute?)
    private static final Pattern TEXT = Pattern.compile("(?:(\\d{1,6})d)?(?:(\\d{1,6})h)?(?:(\\d{1,6})m)?(?:(\\d{1,6})s)?");
    private static final String EXAMPLES = "like 90s, 15m, 1h, 2h30m or 1d";

    private Every() {}

    static Duration parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("an interval is needed, " + EXAMPLES);
        Matcher m = TEXT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an interval: write numbers with the units d, h, m, s,"
                    + " largest first, " + EXAMPLES);
        }
        Duration every = Duration.ofDays(number(m.group(1))).plusHours(number(m.group(2)))
                .plusMinutes(number(m.group(3))).plusSeconds(number(m.group(4)));
        if (every.compareTo(MINIMUM) < 0) {
            throw new IllegalArgumentException("'" + text + "' is too short: the shortest interval is 1m");
        }
        return every;
    }

    /** The way {@link #parse} reads it, shortest form: 90s -> 1m30s, 60m -> 1h. */
    static String text(Duration every) {
        return String.join("", parts(every, "d", "h", "m", "s"));
    }

    /** systemd's own spelling of a time span (as {@code systemd-analyze timespan} prints it): 2h 30min, 1min 30s. */
    static String systemd(Duration span) {
        return String.join(" ", parts(span, "d", "h", "min", "s"));
    }

    private static List<String> parts(Duration span, String days, String hours, String minutes, String seconds) {
        long total = span.getSeconds();
        List<String> parts = new ArrayList<>();
        add(parts, total / 86_400, days);
        add(parts, total % 86_400 / 3_600, hours);
        add(parts, total % 3_600 / 60, minutes);
        add(parts, total % 60, seconds);
        if (parts.isEmpty()) parts.add("0" + seconds);
        return parts;
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }

    private static void add(List<String> parts, long amount, String unit) {
        if (amount > 0) parts.add(amount + unit);
    }
}
