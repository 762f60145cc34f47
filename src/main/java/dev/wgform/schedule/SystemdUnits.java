package dev.wgform.schedule;

import java.time.Duration;

/** Renders a schedule as a systemd service (the drift run) and a timer (when it runs). Pure. */
public final class SystemdUnits {
    /** The first run after boot (or at once, when the timer starts later than that), so a restart is checked soon. */
    static final Duration AFTER_BOOT = Duration.ofMinutes(2);
    /** Timers of several fleets, or of many workstations against one fleet, do not all start on the same second. */
    static final Duration MAX_RANDOM_DELAY = Duration.ofMinutes(1);

    private SystemdUnits() {}

    public static String serviceName(String id) {
        return id + ".service";
    }

    public static String timerName(String id) {
        return id + ".timer";
    }

    public static String service(DriftSchedule schedule, SystemdScope scope) {
        StringBuilder unit = new StringBuilder();
        unit.append("# Written by 'wgform drift --install-timer'; 'wgform drift --uninstall-timer' removes it.\n");
        unit.append("[Unit]\n");
        unit.append("Description=").append(Quoting.systemdValue("wgform drift check of " + schedule.inventory())).append('\n');
        if (scope == SystemdScope.SYSTEM) {
            // a user manager has no network-online.target; the system's orders the first run after the network is up
            unit.append("Wants=network-online.target\n");
            unit.append("After=network-online.target\n");
        }
        unit.append('\n');
        unit.append("[Service]\n");
        unit.append("Type=oneshot\n");
        unit.append("WorkingDirectory=").append(Quoting.systemdValue(schedule.workingDirectory().toString())).append('\n');
        unit.append("ExecStart=").append(Quoting.systemdCommand(schedule.command())).append('\n');
        unit.append("# drift exits 2 when it finds drift: that is a finding, not a failure of this unit (1, an error, is)\n");
        unit.append("SuccessExitStatus=2\n");
        return unit.toString();
    }

    /**
     * Monotonic, not OnCalendar=: every interval works (45m, 2h30m) and the next run counts from when the last one
     * started. OnBootSec= runs one soon after each boot, which stands in for the runs missed while the machine was off
     * (Persistent= would do that for calendar timers; it has no effect on monotonic ones, so it is left out).
     */
    public static String timer(DriftSchedule schedule) {
        return "# Written by 'wgform drift --install-timer'; 'wgform drift --uninstall-timer' removes it.\n"
                + "[Unit]\n"
                + "Description=" + Quoting.systemdValue("wgform drift check of " + schedule.inventory() + " every "
                        + schedule.everyText()) + "\n"
                + "\n"
                + "[Timer]\n"
                + "OnBootSec=" + Every.systemd(AFTER_BOOT) + "\n"
                + "OnUnitActiveSec=" + Every.systemd(schedule.every()) + "\n"
                + "RandomizedDelaySec=" + Every.systemd(randomDelay(schedule.every())) + "\n"
                + "\n"
                + "[Install]\n"
                + "WantedBy=timers.target\n";
    }

    /** A tenth of the interval, at most a minute: 6s for 1m, 1min from 10m on. */
    static Duration randomDelay(Duration every) {
        Duration tenth = Duration.ofSeconds(every.getSeconds() / 10);
        return tenth.compareTo(MAX_RANDOM_DELAY) < 0 ? tenth : MAX_RANDOM_DELAY;
    }
}
