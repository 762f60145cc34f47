package dev.wgform.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronEntryTest {
    private static final DriftSchedule FLEET = DriftSchedule.of(Path.of("/home/alice/fleet one/inventories/prod.yml"),
            Duration.ofMinutes(15),
            List.of("/home/alice/fleet one/wgform", "drift", "-i", "/home/alice/fleet one/inventories/prod.yml",
                    "/home/alice/fleet one/playbooks/prod.yml", "--prometheus", "/var/lib/node_exporter/wgform.prom"),
            Path.of("/home/alice/fleet one"));
    private static final CronLog SYSLOG = new CronLog.Syslog(Path.of("/usr/bin/logger"));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1m|* * * * *", "2m|*/2 * * * *", "15m|*/15 * * * *", "30m|*/30 * * * *",
            "60m|0 * * * *", "1h|0 * * * *", "2h|0 */2 * * *", "8h|0 */8 * * *", "12h|0 */12 * * *", "24h|0 0 * * *",
            "1d|0 0 * * *"})
    void intervalsCronCanKeep(String every, String times) {
        assertThat(CronEntry.times(DriftSchedule.parseEvery(every))).isEqualTo(times);
    }

    @ParameterizedTest
    @ValueSource(strings = {"7m", "45m", "90s", "1m30s", "5h", "1h30m", "2d", "1d1h"})
    void refusesIntervalsCronWouldRunUnevenly(String every) {
        assertThatThrownBy(() -> CronEntry.times(DriftSchedule.parseEvery(every)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cron cannot run something every " + Every.text(DriftSchedule.parseEvery(every))
                        + "; with --cron use 1m, 2m, 3m, 4m, 5m, 6m, 10m, 12m, 15m, 20m, 30m, 1h, 2h, 3h, 4h, 6h, 8h, 12h"
                        + " or 1d, or leave out --cron for a systemd timer, which takes any interval");
    }

    @Test
    void cronDFileHasTheUserFieldAndSendsOutputToSyslog() {
        assertThat(CronEntry.cronDFile(FLEET, "root", SYSLOG)).isEqualTo(
                "# wgform drift check of /home/alice/fleet one/inventories/prod.yml every 15m ('wgform drift --uninstall-timer' removes it)\n"
                + "*/15 * * * * root cd '/home/alice/fleet one' && '/home/alice/fleet one/wgform' drift -i"
                + " '/home/alice/fleet one/inventories/prod.yml' '/home/alice/fleet one/playbooks/prod.yml'"
                + " --prometheus /var/lib/node_exporter/wgform.prom 2>&1 | /usr/bin/logger -t wgform-drift-c3225c9e\n");
    }

    @Test
    void crontabLinesHaveNoUserFieldAndCanAppendToAFile() {
        CronLog file = new CronLog.LogFile(Path.of("/home/alice/fleet one/.wgform/wgform-drift-c3225c9e.log"));
        assertThat(CronEntry.crontabLines(FLEET, file)).containsExactly(
                "# wgform drift check of /home/alice/fleet one/inventories/prod.yml every 15m ('wgform drift --uninstall-timer' removes it)",
                "*/15 * * * * cd '/home/alice/fleet one' && '/home/alice/fleet one/wgform' drift -i"
                + " '/home/alice/fleet one/inventories/prod.yml' '/home/alice/fleet one/playbooks/prod.yml'"
                + " --prometheus /var/lib/node_exporter/wgform.prom >>'/home/alice/fleet one/.wgform/wgform-drift-c3225c9e.log' 2>&1");
    }

    @Test
    void theLogFileSitsInTheWorkspacesWgformDirectory() {
        assertThat(CronLog.besideWorkspace(FLEET).file()).isEqualTo(Path.of("/home/alice/fleet one/.wgform/wgform-drift-c3225c9e.log"));
    }

    @Test
    void percentSignsAreEscapedForCronOutsideTheShellQuotes() {
        DriftSchedule odd = DriftSchedule.of(Path.of("/srv/50% off/inv.yml"), Duration.ofHours(1),
                List.of("/srv/50% off/wgform", "drift", "-i", "/srv/50% off/inv.yml"), Path.of("/srv/50% off"));
        assertThat(CronEntry.line(odd, Optional.of("root"), SYSLOG)).startsWith(
                "0 * * * * root cd /srv/50\\%' off' && /srv/50\\%' off/wgform' drift -i /srv/50\\%' off/inv.yml' 2>&1 | ");
    }

    /** The whole line as cron hands it to sh: cd into an odd directory, run, append everything to an odd log file. */
    @Test
    void theLineRunsUnderCronAndShAsWritten(@TempDir Path temp) throws Exception {
        Path work = Files.createDirectories(temp.resolve("it's 50% $HOME \"quoted\" \\ dir"));
        Path log = work.resolve(".wgform").resolve("drift 100%.log");
        Files.createDirectories(log.getParent());
        List<String> args = List.of("with space", "50%", "$HOME", "it's", "a\\%b", "");
        List<String> command = new java.util.ArrayList<>(List.of("/bin/sh", "-c", "pwd && printf '<%s>\\n' \"$@\"", "sh"));
        command.addAll(args);
        DriftSchedule schedule = DriftSchedule.of(work.resolve("inv.yml"), Duration.ofMinutes(5), command, work);

        String line = CronEntry.line(schedule, Optional.empty(), new CronLog.LogFile(log));
        String cronCommand = line.substring("*/5 * * * * ".length());
        assertThat(line).startsWith("*/5 * * * * cd ");
        String sh = CronEmulation.commandPart(cronCommand);
        assertThat(sh).doesNotContain("\u0000STDIN");
        CronEmulation.sh(sh);
        CronEmulation.sh(sh); // appends
        String once = work + "\n<with space>\n<50%>\n<$HOME>\n<it's>\n<a\\%b>\n<>\n";
        assertThat(Files.readString(log)).isEqualTo(once + once);
    }

    @Test
    void refusesALineLongerThanCronReads() {
        String deep = "/srv/" + "d".repeat(400);
        DriftSchedule long_ = DriftSchedule.of(Path.of(deep, "inv.yml"), Duration.ofMinutes(5),
                List.of(deep + "/wgform", "drift", "-i", deep + "/inv.yml", deep + "/play.yml"), Path.of(deep));
        assertThatThrownBy(() -> CronEntry.line(long_, Optional.empty(), SYSLOG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than cron reads (999)").hasMessageContaining("leave out --cron");
    }
}
