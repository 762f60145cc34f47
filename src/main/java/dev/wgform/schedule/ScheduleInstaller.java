package dev.wgform.schedule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Installs a drift schedule on this workstation and removes it again. Root installs system-wide (a system timer, or
 * /etc/cron.d/ID), anyone else for themselves (a user timer, or a block in their crontab). Installing replaces an
 * earlier install of the same id in either form, so a fleet has one schedule at a time.
 */
public final class ScheduleInstaller {
    private final Workstation workstation;
    private final CommandRunner runner;

    public ScheduleInstaller(Workstation workstation, CommandRunner runner) {
        this.workstation = workstation;
        this.runner = runner;
    }

    public static ScheduleInstaller forThisWorkstation() {
        return new ScheduleInstaller(Workstation.current(), CommandRunner.processes());
    }

    /**
     * Writes the schedule (replacing this fleet's earlier one, timer or cron) and starts it where it can.
     *
     * @throws ScheduleException cron cannot keep the interval, crontab or systemctl failed (the message says what was
     *                           done so far and what to run), or cron is not installed
     * @throws IOException       a file could not be written
     */
    public ScheduleResult install(DriftSchedule schedule, Scheduler scheduler) throws IOException, ScheduleException {
        ScheduleResult.Builder result = new ScheduleResult.Builder();
        // the new form first: a failure on the way then leaves the old schedule running, never none
        if (scheduler == Scheduler.CRON) {
            installCron(schedule, result);
            removeSystemd(schedule.id(), result);
        } else {
            installSystemd(schedule, result);
            removeCron(schedule.id(), result);
        }
        return result.build();
    }

    /**
     * Stops and removes the schedule {@code id} ({@link DriftSchedule#idFor}) in whichever forms it is here. Finding
     * none is not an error: the result then changed nothing and says where it looked.
     */
    public ScheduleResult uninstall(String id) throws IOException, ScheduleException {
        if (!DriftSchedule.isId(id)) throw new IllegalArgumentException("bad schedule id: " + id);
        ScheduleResult.Builder result = new ScheduleResult.Builder();
        removeSystemd(id, result);
        removeCron(id, result);
        if (result.changesSoFar().isEmpty()) {
            Path units = unitDir();
            result.note("no schedule " + id + " here: looked for " + units.resolve(SystemdUnits.timerName(id)) + ", "
                    + units.resolve(SystemdUnits.serviceName(id)) + " and "
                    + (workstation.root() ? workstation.cronDir().resolve(id).toString() : "a block in the crontab of " + workstation.user()));
        }
        return result.build();
    }

    // ---- systemd

    private void installSystemd(DriftSchedule schedule, ScheduleResult.Builder result) throws IOException, ScheduleException {
        String id = schedule.id();
        Path dir = unitDir();
        Files.createDirectories(dir);
        write(dir.resolve(SystemdUnits.serviceName(id)), SystemdUnits.service(schedule, scope()), result);
        write(dir.resolve(SystemdUnits.timerName(id)), SystemdUnits.timer(schedule), result);

        // restart rather than enable --now: a timer that was already running surely takes the new interval, and every
        // (re)start runs drift once soon, as OnBootSec= is long past, so the user sees at once whether it works
        List<List<String>> commands = List.of(systemctl("daemon-reload"), systemctl("enable", SystemdUnits.timerName(id)),
                systemctl("restart", SystemdUnits.timerName(id)));
        String journal = "journalctl" + (scope() == SystemdScope.USER ? " --user" : "") + " -u " + SystemdUnits.serviceName(id);
        if (workstation.systemdRunning()) {
            for (int i = 0; i < commands.size(); i++) {
                CommandRunner.Result run = runner.run(commands.get(i), "");
                if (!run.ok()) throw new ScheduleException(failedAfter(result, commands.get(i), run, commands.subList(i, commands.size())));
                result.ran(Quoting.shCommand(commands.get(i)));
            }
            result.note("drift runs every " + schedule.everyText() + ", the first time within a minute; its output: " + journal);
        } else {
            for (List<String> command : commands) result.toRun(Quoting.shCommand(command));
            result.note("systemd is not running on this machine (no /run/systemd/system), so nothing was started;"
                    + " the commands above start the timer once it is");
            result.note("then drift runs every " + schedule.everyText() + "; its output: " + journal);
        }
        if (scope() == SystemdScope.USER) {
            result.note("a user timer runs only while " + workstation.user() + " is logged in, unless lingering is on:"
                    + " loginctl enable-linger " + workstation.user());
        }
    }

    private void removeSystemd(String id, ScheduleResult.Builder result) throws IOException {
        Path dir = unitDir();
        List<Path> files = List.of(dir.resolve("timers.target.wants").resolve(SystemdUnits.timerName(id)),
                dir.resolve(SystemdUnits.timerName(id)), dir.resolve(SystemdUnits.serviceName(id)));
        List<Path> present = new ArrayList<>();
        for (Path file : files) if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) present.add(file);
        if (present.isEmpty()) return;

        // disabling may fail when the manager is gone (a user's, without a session): the units go all the same
        if (workstation.systemdRunning()) runAndNote(systemctl("disable", "--now", SystemdUnits.timerName(id)), result);
        for (Path file : present) {
            Files.delete(file);
            result.change("removed " + file);
        }
        if (workstation.systemdRunning()) runAndNote(systemctl("daemon-reload"), result);
    }

    private void runAndNote(List<String> command, ScheduleResult.Builder result) throws IOException {
        CommandRunner.Result run = runner.run(command, "");
        if (run.ok()) {
            result.ran(Quoting.shCommand(command));
        } else {
            result.note("'" + Quoting.shCommand(command) + "' failed (" + firstLine(run) + "); the unit files are removed anyway");
        }
    }

    private List<String> systemctl(String... args) {
        List<String> command = new ArrayList<>();
        command.add("systemctl");
        if (scope() == SystemdScope.USER) command.add("--user");
        command.addAll(List.of(args));
        return command;
    }

    private SystemdScope scope() {
        return workstation.root() ? SystemdScope.SYSTEM : SystemdScope.USER;
    }

    private Path unitDir() {
        return workstation.root() ? workstation.systemUnitDir() : workstation.userUnitDir();
    }

    // ---- cron

    /** Everything that can be refused (the interval, a missing cron, a broken crontab) is, before anything is written. */
    private void installCron(DriftSchedule schedule, ScheduleResult.Builder result) throws IOException, ScheduleException {
        CronLog log = workstation.logger().<CronLog>map(CronLog.Syslog::new).orElseGet(() -> CronLog.besideWorkspace(schedule));
        if (workstation.root()) {
            installCronD(schedule, log, result);
        } else {
            installCrontab(schedule, log, result);
        }
        String output = log instanceof CronLog.LogFile file
                ? "appended to " + file.file() + " (no logger here; trim it now and then)"
                : "syslog, tagged " + schedule.id() + " (journalctl -t " + schedule.id() + ", or grep " + schedule.id()
                        + " /var/log/syslog)";
        result.note("drift runs every " + schedule.everyText() + " (" + CronEntry.times(schedule.every()) + ") while cron"
                + " runs; its output: " + output);
    }

    private void installCronD(DriftSchedule schedule, CronLog log, ScheduleResult.Builder result)
            throws IOException, ScheduleException {
        String file = userError(() -> CronEntry.cronDFile(schedule, workstation.user(), log));
        if (!Files.isDirectory(workstation.cronDir())) {
            throw new ScheduleException("there is no " + workstation.cronDir() + ": is cron installed? (e.g. apt-get"
                    + " install cron), or leave out --cron for a systemd timer");
        }
        createLogDirectory(log);
        write(workstation.cronDir().resolve(schedule.id()), file, result);
    }

    private void installCrontab(DriftSchedule schedule, CronLog log, ScheduleResult.Builder result)
            throws IOException, ScheduleException {
        List<String> lines = userError(() -> CronEntry.crontabLines(schedule, log));
        String before = readCrontab(true).orElseThrow();
        String after = userError(() -> CrontabBlock.put(before, schedule.id(), lines));
        createLogDirectory(log);
        if (after.equals(before)) {
            result.change("kept the crontab of " + workstation.user() + " (" + CrontabBlock.begin(schedule.id())
                    + " ... end, unchanged)");
            return;
        }
        writeCrontab(after);
        result.change("updated the crontab of " + workstation.user() + ": the lines between '"
                + CrontabBlock.begin(schedule.id()) + "' and '" + CrontabBlock.end(schedule.id()) + "'");
    }

    private static void createLogDirectory(CronLog log) throws IOException {
        if (log instanceof CronLog.LogFile file) Files.createDirectories(file.file().getParent());
    }

    private void removeCron(String id, ScheduleResult.Builder result) throws IOException, ScheduleException {
        if (workstation.root()) {
            Path file = workstation.cronDir().resolve(id);
            if (Files.deleteIfExists(file)) result.change("removed " + file);
            return;
        }
        Optional<String> crontab = readCrontab(false);
        if (crontab.isEmpty() || !CrontabBlock.contains(crontab.get(), id)) return;
        writeCrontab(userError(() -> CrontabBlock.remove(crontab.get(), id)));
        result.change("removed the lines between '" + CrontabBlock.begin(id) + "' and '" + CrontabBlock.end(id)
                + "' from the crontab of " + workstation.user());
    }

    /** The user's crontab, "" when they have none; empty when there is no crontab program and {@code needed} is false. */
    private Optional<String> readCrontab(boolean needed) throws IOException, ScheduleException {
        CommandRunner.Result list = runner.run(List.of("crontab", "-l"), "");
        if (list.ok()) return Optional.of(list.stdout());
        if (list.exitCode() == 127) {
            if (!needed) return Optional.empty();
            throw new ScheduleException("crontab is not installed: install cron (e.g. apt-get install cron), or leave out"
                    + " --cron for a systemd timer");
        }
        // cronie and Debian's cron both say "no crontab for USER" and exit 1 when there is none yet
        if (list.stderr().contains("no crontab")) return Optional.of("");
        throw new ScheduleException("'crontab -l' failed (" + firstLine(list) + "); nothing was changed in the crontab");
    }

    private void writeCrontab(String crontab) throws IOException, ScheduleException {
        CommandRunner.Result write = runner.run(List.of("crontab", "-"), crontab);
        if (!write.ok()) throw new ScheduleException("'crontab -' failed (" + firstLine(write) + "); the crontab is as it was");
    }

    /** The pure parts refuse with IllegalArgumentException; here that becomes the user's error it is. */
    private static <T> T userError(Supplier<T> pure) throws ScheduleException {
        try {
            return pure.get();
        } catch (IllegalArgumentException e) {
            throw new ScheduleException(e.getMessage());
        }
    }

    // ---- files and messages

    /** Through a hidden temporary file beside it and a rename: cron and systemd never read half a file. Mode 0644. */
    private static void write(Path target, String content, ScheduleResult.Builder result) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
            result.change("kept " + target + " (unchanged)");
            return;
        }
        Path temp = target.resolveSibling("." + target.getFileName() + ".wgform-tmp");
        Files.deleteIfExists(temp);
        Files.write(temp, bytes);
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the default mode will do
        }
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        result.change("wrote " + target);
    }

    private static String failedAfter(ScheduleResult.Builder result, List<String> failed, CommandRunner.Result run,
                                      List<List<String>> left) {
        StringBuilder message = new StringBuilder();
        List<String> done = result.changesSoFar();
        if (!done.isEmpty()) message.append(String.join("; ", done)).append("; then ");
        message.append("'").append(Quoting.shCommand(failed)).append("' failed (").append(firstLine(run)).append(").");
        message.append(" Once that works, run: ");
        List<String> commands = new ArrayList<>();
        for (List<String> command : left) commands.add(Quoting.shCommand(command));
        message.append(String.join(" && ", commands));
        return message.toString();
    }

    private static String firstLine(CommandRunner.Result run) {
        String text = (run.stderr().isBlank() ? run.stdout() : run.stderr()).strip();
        String line = text.isEmpty() ? "" : text.lines().findFirst().orElse("");
        return "exit " + run.exitCode() + (line.isEmpty() ? "" : ": " + line);
    }
}
