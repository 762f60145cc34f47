package dev.wgform.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real runner, with /bin/sh standing in for systemctl and crontab. */
class CommandRunnerTest {
    private final CommandRunner runner = CommandRunner.processes();

    @Test
    void passesStandardInputAndReturnsOutputAndExitCode() throws Exception {
        CommandRunner.Result result = runner.run(List.of("/bin/sh", "-c", "cat; echo oops >&2; exit 3"), "line 1\nline 2\n");
        assertThat(result).isEqualTo(new CommandRunner.Result(3, "line 1\nline 2\n", "oops\n"));
        assertThat(result.ok()).isFalse();
        assertThat(runner.run(List.of("/bin/sh", "-c", "true"), "").ok()).isTrue();
    }

    @Test
    void aMissingProgramIs127LikeInAShell() throws Exception {
        CommandRunner.Result result = runner.run(List.of("/nonexistent/crontab", "-l"), "");
        assertThat(result.exitCode()).isEqualTo(127);
        assertThat(result.stderr()).startsWith("/nonexistent/crontab: ");
    }

    @Test
    void thisWorkstationIsDescribedFromTheRunningProcess() {
        Workstation here = Workstation.current();
        assertThat(here.user()).isEqualTo(System.getProperty("user.name"));
        assertThat(here.systemUnitDir()).isEqualTo(Path.of("/etc/systemd/system"));
        assertThat(here.cronDir()).isEqualTo(Path.of("/etc/cron.d"));
        assertThat(here.userUnitDir().isAbsolute()).isTrue();
        assertThat(here.userUnitDir().toString()).endsWith("/systemd/user");
        assertThat(here.systemdRunning()).isEqualTo(Path.of("/run/systemd/system").toFile().isDirectory());
        here.logger().ifPresent(logger -> assertThat(logger.toString()).startsWith("/").endsWith("/logger"));
    }
}
