package dev.wgform.schedule;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Renders a schedule as a cron entry: for /etc/cron.d (with a user field) or for a user's crontab (without). Pure. */
public final class CronEntry {
    /** Vixie cron (Debian's) reads at most 1000 characters of a command; cronie more. Longer lines are refused. */
    static final int MAX_LINE = 999;

    private CronEntry() {}

    /**
     * The five time fields for an interval cron can keep: minutes that divide an hour, hours that divide a day, or a
     * day. Anything else would run unevenly (cron's steps restart every hour or day), so it is refused.
     *
     * @throws IllegalArgumentException saying which intervals cron can do
     */
    public static String times(Duration every) {
        long seconds = every.getSeconds();
        if (seconds % 60 == 0) {
            long minutes = seconds / 60;
            if (minutes < 60 && 60 % minutes == 0) return (minutes == 1 ? "*" : "*/" + minutes) + " * * * *";
            if (minutes % 60 == 0) {
                long hours = minutes / 60;
                if (hours < 24 && 24 % hours == 0) return "0 " + (hours == 1 ? "*" : "*/" + hours) + " * * *";
                if (hours == 24) return "0 0 * * *";
            }
        }
        throw new IllegalArgumentException("cron cannot run something every " + Every.text(every) + "; with --cron use"
                + " 1m, 2m, 3m, 4m, 5m, 6m, 10m, 12m, 15m, 20m, 30m, 1h, 2h, 3h, 4h, 6h, 8h, 12h or 1d,"
                + " or leave out --cron for a systemd timer, which takes any interval");
    }

    /**
     * One crontab line: the times, the user for /etc/cron.d, then {@code cd DIR && COMMAND} with its output sent to
     * {@code log}.
     *
     * @throws IllegalArgumentException when cron cannot keep the interval or the line is too long for cron
     */
    public static String line(DriftSchedule schedule, Optional<String> user, CronLog log) {
        StringBuilder line = new StringBuilder(times(schedule.every())).append(' ');
        user.ifPresent(u -> line.append(u).append(' '));
        line.append("cd ").append(Quoting.cronWord(schedule.workingDirectory().toString()))
                .append(" && ").append(Quoting.cronCommand(schedule.command()));
        if (log instanceof CronLog.Syslog) {
            Path logger = ((CronLog.Syslog) log).logger();
            line.append(" 2>&1 | ").append(Quoting.cronCommand(List.of(logger.toString(), "-t", schedule.id())));
        } else {
            Path file = ((CronLog.LogFile) log).file();
            line.append(" >>").append(Quoting.cronWord(file.toString())).append(" 2>&1");
        }
        if (line.length() > MAX_LINE) {
            throw new IllegalArgumentException("the cron line would be " + line.length() + " characters, more than cron"
                    + " reads (" + MAX_LINE + "); use shorter paths, or leave out --cron for a systemd timer");
        }
        return line.toString();
    }

    /** The whole of /etc/cron.d/ID: a comment and the line with its user field. */
    public static String cronDFile(DriftSchedule schedule, String user, CronLog log) {
        return comment(schedule) + line(schedule, Optional.of(user), log) + "\n";
    }

    /** The lines that go between the markers in a user's crontab. */
    public static List<String> crontabLines(DriftSchedule schedule, CronLog log) {
        return List.of(comment(schedule).strip(), line(schedule, Optional.empty(), log));
    }

    // cron does not read comments, so % and the like need no escaping here
    private static String comment(DriftSchedule schedule) {
        return "# wgform drift check of " + schedule.inventory() + " every " + schedule.everyText()
                + " ('wgform drift --uninstall-timer' removes it)\n";
    }
}
