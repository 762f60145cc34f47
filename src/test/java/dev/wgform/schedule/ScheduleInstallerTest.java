package dev.wgform.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleInstallerTest {
    private static final String ID = "wgform-drift-c3225c9e";
    private static final Path LOGGER = Path.of("/usr/bin/logger");
    private static final String OTHERS = "MAILTO=alice@example.org\n0 3 * * * /usr/local/bin/backup --all\n@reboot /home/alice/bin/hello\n";

    @TempDir
    Path temp;

    private final FakeCommands commands = new FakeCommands();
    private Path systemUnits;
    private Path userUnits;
    private Path cronD;
    private Path workspace;
    private DriftSchedule fleet;

    @BeforeEach
    void paths() throws Exception {
        systemUnits = temp.resolve("etc/systemd/system");
        userUnits = temp.resolve("home/alice/.config/systemd/user");
        cronD = Files.createDirectories(temp.resolve("etc/cron.d"));
        workspace = temp.resolve("fleet one");
        fleet = schedule(Duration.ofMinutes(15));
    }

    // ---- systemd, as root

    @Test
    void rootWritesSystemUnitsAndStartsTheTimer() throws Exception {
        ScheduleResult result = installer(root(true)).install(fleet, Scheduler.SYSTEMD);

        assertThat(Files.readString(systemUnits.resolve(ID + ".service"))).isEqualTo(SystemdUnits.service(fleet, SystemdScope.SYSTEM));
        assertThat(Files.readString(systemUnits.resolve(ID + ".timer"))).isEqualTo(SystemdUnits.timer(fleet));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(systemUnits.resolve(ID + ".timer")))).isEqualTo("rw-r--r--");
        assertThat(commands.calls).containsExactly("systemctl daemon-reload", "systemctl enable " + ID + ".timer",
                "systemctl restart " + ID + ".timer");
        assertThat(result.lines()).containsExactly(
                "wrote " + systemUnits.resolve(ID + ".service"),
                "wrote " + systemUnits.resolve(ID + ".timer"),
                "ran: systemctl daemon-reload",
                "ran: systemctl enable " + ID + ".timer",
                "ran: systemctl restart " + ID + ".timer",
                "drift runs every 15m, the first time within a minute; its output: journalctl -u " + ID + ".service");
        assertThat(Files.exists(userUnits)).isFalse();
    }

    @Test
    void installingTwiceLeavesOneScheduleWithTheNewInterval() throws Exception {
        ScheduleInstaller installer = installer(root(true));
        installer.install(fleet, Scheduler.SYSTEMD);
        ScheduleResult same = installer.install(fleet, Scheduler.SYSTEMD);
        assertThat(same.changes()).containsExactly("kept " + systemUnits.resolve(ID + ".service") + " (unchanged)",
                "kept " + systemUnits.resolve(ID + ".timer") + " (unchanged)");

        installer.install(schedule(Duration.ofHours(1)), Scheduler.SYSTEMD);
        try (Stream<Path> files = Files.list(systemUnits)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(ID + ".service", ID + ".timer");
        }
        assertThat(Files.readString(systemUnits.resolve(ID + ".timer"))).contains("OnUnitActiveSec=1h\n");
    }

    @Test
    void rootUninstallDisablesTheTimerAndRemovesItsFiles() throws Exception {
        ScheduleInstaller installer = installer(root(true));
        installer.install(fleet, Scheduler.SYSTEMD);
        // what 'systemctl enable' leaves behind
        Path wants = Files.createDirectories(systemUnits.resolve("timers.target.wants")).resolve(ID + ".timer");
        Files.createSymbolicLink(wants, systemUnits.resolve(ID + ".timer"));
        Path otherUnit = Files.writeString(systemUnits.resolve("other.service"), "[Service]\n");
        commands.calls.clear();

        ScheduleResult result = installer.uninstall(ID);

        assertThat(commands.calls).containsExactly("systemctl disable --now " + ID + ".timer", "systemctl daemon-reload");
        assertThat(result.changes()).containsExactly("removed " + wants, "removed " + systemUnits.resolve(ID + ".timer"),
                "removed " + systemUnits.resolve(ID + ".service"));
        assertThat(Files.exists(wants, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(systemUnits.resolve(ID + ".timer")).doesNotExist();
        assertThat(systemUnits.resolve(ID + ".service")).doesNotExist();
        assertThat(otherUnit).exists();
        assertThat(result.changedAnything()).isTrue();
    }

    @Test
    void withoutSystemdTheUnitsAreWrittenAndTheCommandsListed() throws Exception {
        ScheduleResult result = installer(root(false)).install(fleet, Scheduler.SYSTEMD);

        assertThat(systemUnits.resolve(ID + ".service")).exists();
        assertThat(systemUnits.resolve(ID + ".timer")).exists();
        assertThat(commands.calls).isEmpty();
        assertThat(result.ran()).isEmpty();
        assertThat(result.toRun()).containsExactly("systemctl daemon-reload", "systemctl enable " + ID + ".timer",
                "systemctl restart " + ID + ".timer");
        assertThat(result.lines()).containsSubsequence("to finish, run:", "  systemctl daemon-reload");
        assertThat(result.notes()).anyMatch(n -> n.startsWith("systemd is not running on this machine (no /run/systemd/system)"));

        // and removing them runs nothing either
        ScheduleResult removed = installer(root(false)).uninstall(ID);
        assertThat(commands.calls).isEmpty();
        assertThat(removed.changes()).hasSize(2);
        assertThat(systemUnits.resolve(ID + ".timer")).doesNotExist();
    }

    @Test
    void aFailingSystemctlSaysWhatWasDoneAndWhatIsLeft() throws Exception {
        commands.failing.add("systemctl --user enable " + ID + ".timer");
        assertThatThrownBy(() -> installer(user(true)).install(fleet, Scheduler.SYSTEMD))
                .isInstanceOf(ScheduleException.class)
                .hasMessage("wrote " + userUnits.resolve(ID + ".service") + "; wrote " + userUnits.resolve(ID + ".timer")
                        + "; then 'systemctl --user enable " + ID + ".timer' failed (exit 1: Failed to connect to bus: No"
                        + " medium found). Once that works, run: systemctl --user enable " + ID + ".timer && systemctl"
                        + " --user restart " + ID + ".timer");
    }

    // ---- systemd, as a user

    @Test
    void aUserGetsUserUnitsAndSystemctlUser() throws Exception {
        ScheduleResult result = installer(user(true)).install(fleet, Scheduler.SYSTEMD);

        assertThat(Files.readString(userUnits.resolve(ID + ".service"))).isEqualTo(SystemdUnits.service(fleet, SystemdScope.USER));
        assertThat(Files.readString(userUnits.resolve(ID + ".timer"))).isEqualTo(SystemdUnits.timer(fleet));
        // then the crontab is looked at for a cron entry of this fleet, which the timer replaces
        assertThat(commands.calls).containsExactly("systemctl --user daemon-reload", "systemctl --user enable " + ID + ".timer",
                "systemctl --user restart " + ID + ".timer", "crontab -l");
        assertThat(result.notes()).containsExactly(
                "drift runs every 15m, the first time within a minute; its output: journalctl --user -u " + ID + ".service",
                "a user timer runs only while alice is logged in, unless lingering is on: loginctl enable-linger alice");
        assertThat(Files.exists(systemUnits)).isFalse();

        commands.calls.clear();
        installer(user(true)).uninstall(ID);
        assertThat(commands.calls).containsExactly("systemctl --user disable --now " + ID + ".timer",
                "systemctl --user daemon-reload", "crontab -l");
        try (Stream<Path> left = Files.list(userUnits)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aUserUninstallRemovesTheUnitsEvenWhenTheirManagerIsGone() throws Exception {
        installer(user(true)).install(fleet, Scheduler.SYSTEMD);
        commands.failing.add("systemctl --user disable --now " + ID + ".timer");
        commands.failing.add("systemctl --user daemon-reload");

        ScheduleResult result = installer(user(true)).uninstall(ID);

        assertThat(userUnits.resolve(ID + ".timer")).doesNotExist();
        assertThat(result.notes()).containsExactly(
                "'systemctl --user disable --now " + ID + ".timer' failed (exit 1: Failed to connect to bus: No medium found);"
                        + " the unit files are removed anyway",
                "'systemctl --user daemon-reload' failed (exit 1: Failed to connect to bus: No medium found); the unit files"
                        + " are removed anyway");
    }

    // ---- cron, as root: /etc/cron.d

    @Test
    void rootWritesACronDFileWithTheUserField() throws Exception {
        ScheduleResult result = installer(root(true)).install(fleet, Scheduler.CRON);

        Path file = cronD.resolve(ID);
        assertThat(Files.readString(file)).isEqualTo(CronEntry.cronDFile(fleet, "root", new CronLog.Syslog(LOGGER)));
        assertThat(Files.readString(file)).contains("*/15 * * * * root cd '" + workspace + "' && ");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        assertThat(commands.calls).isEmpty();
        assertThat(result.lines()).containsExactly("wrote " + file,
                "drift runs every 15m (*/15 * * * *) while cron runs; its output: syslog, tagged " + ID
                        + " (journalctl -t " + ID + ", or grep " + ID + " /var/log/syslog)");

        ScheduleResult again = installer(root(true)).install(fleet, Scheduler.CRON);
        assertThat(again.changes()).containsExactly("kept " + file + " (unchanged)");
        try (Stream<Path> files = Files.list(cronD)) {
            assertThat(files).containsExactly(file);
        }

        assertThat(installer(root(true)).uninstall(ID).changes()).containsExactly("removed " + file);
        assertThat(file).doesNotExist();
    }

    @Test
    void withoutLoggerCronOutputGoesToAFileInTheWorkspace() throws Exception {
        Workstation noLogger = new Workstation("root", true, true, systemUnits, userUnits, cronD, Optional.empty());
        ScheduleResult result = installer(noLogger).install(fleet, Scheduler.CRON);

        Path log = workspace.resolve(".wgform").resolve(ID + ".log");
        assertThat(Files.readString(cronD.resolve(ID))).contains(" >>'" + log + "' 2>&1\n");
        assertThat(log.getParent()).isDirectory();
        assertThat(result.notes()).containsExactly("drift runs every 15m (*/15 * * * *) while cron runs; its output: appended to "
                + log + " (no logger here; trim it now and then)");
    }

    @Test
    void rootWithoutCronDIsToldToInstallCron() throws Exception {
        Files.delete(cronD);
        assertThatThrownBy(() -> installer(root(true)).install(fleet, Scheduler.CRON))
                .isInstanceOf(ScheduleException.class).hasMessageStartingWith("there is no " + cronD + ": is cron installed?");
    }

    // ---- cron, as a user: their crontab

    @Test
    void aUsersCrontabKeepsEveryOtherLine() throws Exception {
        commands.crontab = Optional.of(OTHERS);
        ScheduleResult result = installer(user(true)).install(fleet, Scheduler.CRON);

        assertThat(commands.crontab).contains(OTHERS + "# wgform " + ID + " begin\n"
                + String.join("\n", CronEntry.crontabLines(fleet, new CronLog.Syslog(LOGGER))) + "\n"
                + "# wgform " + ID + " end\n");
        assertThat(commands.crontab.orElseThrow()).contains("\n*/15 * * * * cd '" + workspace + "' && ");
        assertThat(result.changes()).containsExactly("updated the crontab of alice: the lines between '# wgform " + ID
                + " begin' and '# wgform " + ID + " end'");

        // install twice = one block
        String once = commands.crontab.orElseThrow();
        ScheduleResult again = installer(user(true)).install(fleet, Scheduler.CRON);
        assertThat(commands.crontab).contains(once);
        assertThat(again.changes()).containsExactly("kept the crontab of alice (# wgform " + ID + " begin ... end, unchanged)");
        installer(user(true)).install(schedule(Duration.ofHours(2)), Scheduler.CRON);
        assertThat(commands.crontab.orElseThrow().split("# wgform " + ID + " begin", -1)).hasSize(2);
        assertThat(commands.crontab.orElseThrow()).contains("\n0 */2 * * * cd ").doesNotContain("*/15");

        // uninstall gives back exactly what was there
        ScheduleResult removed = installer(user(true)).uninstall(ID);
        assertThat(commands.crontab).contains(OTHERS);
        assertThat(removed.changes()).containsExactly("removed the lines between '# wgform " + ID + " begin' and '# wgform "
                + ID + " end' from the crontab of alice");
    }

    @Test
    void aUserWithoutACrontabGetsOne() throws Exception {
        installer(user(false)).install(fleet, Scheduler.CRON);
        assertThat(commands.crontab.orElseThrow()).startsWith("# wgform " + ID + " begin\n");
        assertThat(commands.calls).containsExactly("crontab -l", "crontab -");
    }

    @Test
    void noCrontabProgramIsAnErrorForInstallAndNothingForUninstall() throws Exception {
        commands.crontabInstalled = false;
        assertThatThrownBy(() -> installer(user(true)).install(fleet, Scheduler.CRON))
                .isInstanceOf(ScheduleException.class).hasMessageStartingWith("crontab is not installed");
        ScheduleResult result = installer(user(true)).uninstall(ID);
        assertThat(result.changedAnything()).isFalse();
    }

    @Test
    void aBrokenBlockInTheCrontabIsLeftForTheUserToFix() throws Exception {
        String broken = OTHERS + "# wgform " + ID + " begin\n*/15 * * * * old\n";
        commands.crontab = Optional.of(broken);
        assertThatThrownBy(() -> installer(user(true)).install(fleet, Scheduler.CRON))
                .isInstanceOf(ScheduleException.class).hasMessageContaining("fix it with 'crontab -e'");
        assertThat(commands.crontab).contains(broken);
    }

    @Test
    void cronRefusesAnIntervalItCannotKeepBeforeChangingAnything() throws Exception {
        installer(root(true)).install(fleet, Scheduler.SYSTEMD);
        commands.calls.clear();
        assertThatThrownBy(() -> installer(root(true)).install(schedule(Duration.ofMinutes(45)), Scheduler.CRON))
                .isInstanceOf(ScheduleException.class).hasMessageStartingWith("cron cannot run something every 45m;");
        assertThat(commands.calls).isEmpty();
        assertThat(systemUnits.resolve(ID + ".timer")).exists();
    }

    // ---- one schedule per fleet, whatever runs it

    @Test
    void switchingToCronRemovesTheTimerAndBack() throws Exception {
        ScheduleInstaller installer = installer(root(true));
        installer.install(fleet, Scheduler.SYSTEMD);

        ScheduleResult toCron = installer.install(fleet, Scheduler.CRON);
        assertThat(systemUnits.resolve(ID + ".timer")).doesNotExist();
        assertThat(cronD.resolve(ID)).exists();
        assertThat(toCron.changes()).containsExactly("wrote " + cronD.resolve(ID),
                "removed " + systemUnits.resolve(ID + ".timer"), "removed " + systemUnits.resolve(ID + ".service"));

        ScheduleResult toTimer = installer.install(fleet, Scheduler.SYSTEMD);
        assertThat(cronD.resolve(ID)).doesNotExist();
        assertThat(toTimer.changes()).endsWith("removed " + cronD.resolve(ID));
    }

    @Test
    void aFailedSwitchLeavesTheOldScheduleInPlace() throws Exception {
        installer(user(true)).install(fleet, Scheduler.SYSTEMD);
        commands.crontabInstalled = false;
        assertThatThrownBy(() -> installer(user(true)).install(fleet, Scheduler.CRON)).isInstanceOf(ScheduleException.class);
        assertThat(userUnits.resolve(ID + ".timer")).exists();
    }

    @Test
    void aUserSwitchingToATimerLosesTheCrontabBlockOnly() throws Exception {
        commands.crontab = Optional.of(OTHERS);
        installer(user(true)).install(fleet, Scheduler.CRON);
        installer(user(true)).install(fleet, Scheduler.SYSTEMD);
        assertThat(commands.crontab).contains(OTHERS);
        assertThat(userUnits.resolve(ID + ".timer")).exists();
    }

    @Test
    void uninstallingWhatIsNotThereChangesNothingAndSaysWhereItLooked() throws Exception {
        ScheduleResult result = installer(root(true)).uninstall(ID);
        assertThat(result.changedAnything()).isFalse();
        assertThat(commands.calls).isEmpty();
        assertThat(result.lines()).containsExactly("no schedule " + ID + " here: looked for " + systemUnits.resolve(ID + ".timer")
                + ", " + systemUnits.resolve(ID + ".service") + " and " + cronD.resolve(ID));
    }

    @Test
    void otherFleetsSchedulesAreLeftAlone() throws Exception {
        DriftSchedule staging = DriftSchedule.of(workspace.resolve("inventories/staging.yml"), Duration.ofMinutes(30),
                List.of(workspace + "/wgform", "drift"), workspace);
        ScheduleInstaller installer = installer(root(true));
        installer.install(fleet, Scheduler.CRON);
        installer.install(staging, Scheduler.CRON);
        installer.uninstall(ID);
        assertThat(cronD.resolve(staging.id())).exists();
        assertThat(cronD.resolve(ID)).doesNotExist();
    }

    private DriftSchedule schedule(Duration every) {
        // the id is the hash of this path, not of the temp dir, so it stays the same in every run
        Path inventory = Path.of("/home/alice/fleet one/inventories/prod.yml");
        return new DriftSchedule(DriftSchedule.idFor(inventory), inventory, every,
                List.of(workspace + "/wgform", "drift", "-i", inventory.toString(), workspace + "/playbooks/prod.yml"), workspace);
    }

    private Workstation root(boolean systemdRunning) {
        return new Workstation("root", true, systemdRunning, systemUnits, userUnits, cronD, Optional.of(LOGGER));
    }

    private Workstation user(boolean hasCrontab) {
        if (hasCrontab && commands.crontab.isEmpty()) commands.crontab = Optional.of("");
        return new Workstation("alice", false, true, systemUnits, userUnits, cronD, Optional.of(LOGGER));
    }

    private ScheduleInstaller installer(Workstation workstation) {
        return new ScheduleInstaller(workstation, commands);
    }
}
