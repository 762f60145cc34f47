package dev.wgform.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuotingTest {
    /** Arguments that each break some naive quoting. */
    private static final List<String> HARD = List.of("plain", "/home/a b/fleet one/inv.yml", "it's", "say \"hi\"",
            "$HOME", "${HOME}", "50%", "%%", "%d", "a\\%b", "back\\", "\\", "`id`", "$(id)", "*", "~", "", "a;b|c&d>e",
            "!x", "#not a comment", "ünï côdé", "-n", "%", "'", "\"");

    @Test
    void systemdWordsLeaveSafeOnesBareAndQuoteTheRest() {
        assertThat(Quoting.systemdWord("/usr/local/bin/wgform")).isEqualTo("/usr/local/bin/wgform");
        assertThat(Quoting.systemdWord("--prometheus")).isEqualTo("--prometheus");
        assertThat(Quoting.systemdWord("/home/a b/inv.yml")).isEqualTo("\"/home/a b/inv.yml\"");
        assertThat(Quoting.systemdWord("it's")).isEqualTo("\"it's\"");
        assertThat(Quoting.systemdWord("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
        assertThat(Quoting.systemdWord("back\\slash")).isEqualTo("\"back\\\\slash\"");
        // $ is expanded by systemd even in quotes, % is a specifier even in quotes: both are doubled
        assertThat(Quoting.systemdWord("$HOME")).isEqualTo("\"$$HOME\"");
        assertThat(Quoting.systemdWord("/srv/50%/inv.yml")).isEqualTo("\"/srv/50%%/inv.yml\"");
        assertThat(Quoting.systemdWord("")).isEqualTo("\"\"");
        assertThat(Quoting.systemdCommand(List.of("/opt/my tools/wgform", "drift", "-i", "/srv/$fleet/100%.yml")))
                .isEqualTo("\"/opt/my tools/wgform\" drift -i \"/srv/$$fleet/100%%.yml\"");
    }

    @Test
    void systemdValuesOnlyDoublePercentSigns() {
        assertThat(Quoting.systemdValue("/srv/a b/$x/50%")).isEqualTo("/srv/a b/$x/50%%");
    }

    @Test
    void shWordsUseSingleQuotes() {
        assertThat(Quoting.shWord("/usr/bin/wgform")).isEqualTo("/usr/bin/wgform");
        assertThat(Quoting.shWord("/home/a b")).isEqualTo("'/home/a b'");
        assertThat(Quoting.shWord("it's")).isEqualTo("'it'\\''s'");
        assertThat(Quoting.shWord("$HOME")).isEqualTo("'$HOME'");
        assertThat(Quoting.shWord("")).isEqualTo("''");
    }

    @Test
    void cronWordsPutEveryPercentOutsideTheQuotesEscaped() {
        assertThat(Quoting.cronWord("/srv/a b")).isEqualTo("'/srv/a b'");
        assertThat(Quoting.cronWord("50%")).isEqualTo("50\\%");
        assertThat(Quoting.cronWord("/srv/a b/50% off")).isEqualTo("'/srv/a b/50'\\%' off'");
        assertThat(Quoting.cronWord("a\\%b")).isEqualTo("'a\\'\\%b");
        assertThat(Quoting.cronWord("%")).isEqualTo("\\%");
    }

    @Test
    void shReadsBackEveryArgument() throws Exception {
        String out = CronEmulation.sh(Quoting.shCommand(printfEach(HARD)));
        assertThat(CronEmulation.nulSeparated(out)).containsExactlyElementsOf(HARD);
    }

    @Test
    void cronThenShReadBackEveryArgument() throws Exception {
        String line = Quoting.cronCommand(printfEach(HARD));
        String command = CronEmulation.commandPart(line);
        assertThat(command).as("cron would cut the line at an unescaped %%").doesNotContain("\u0000STDIN");
        assertThat(CronEmulation.nulSeparated(CronEmulation.sh(command))).containsExactlyElementsOf(HARD);
    }

    @Test
    void theEmulationCutsWherePlainShQuotingWouldBreakUnderCron() {
        // the reason for cronWord: sh quoting alone leaves a % that cron takes as the end of the command
        assertThat(CronEmulation.commandPart(Quoting.shCommand(List.of("/usr/bin/printf", "50%")))).contains("\u0000STDIN");
        assertThat(CronEmulation.commandPart("date +\\%Y")).isEqualTo("date +%Y");
        assertThat(CronEmulation.commandPart("a\\\\%b")).contains("\u0000STDIN");
    }

    // printf's format "%s\0" holds a % and a backslash of its own
    private static List<String> printfEach(List<String> args) {
        List<String> argv = new ArrayList<>(List.of("/usr/bin/printf", "%s\\0"));
        argv.addAll(args);
        return argv;
    }
}
