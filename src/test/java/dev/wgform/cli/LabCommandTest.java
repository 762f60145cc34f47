package dev.wgform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Argument checks only: a valid `lab up` would really start a lab (the tests run as root on CI). */
class LabCommandTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "lab up 0          | the lab has 1 to 32 hosts, not 0",
            "lab up 33         | the lab has 1 to 32 hosts, not 33",
            "lab up -1         | the lab has 1 to 32 hosts, not -1",
            "lab up 3 --rhel 4 | --rhel must be between 0 and the number of hosts (3), not 4",
            "lab up three      | Invalid value for positional parameter at index 0 (N): 'three' is not an int",
            "lab up            | Missing required parameter: 'N'",
            "lab down extra    | Unmatched argument at index 2: 'extra'",
            "lab               | lab needs a subcommand: up N, down or status"})
    void badArgumentsAreUsageErrorsWithExit1(String command, String message) {
        Run run = Run.of(command.split(" "));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(message).contains("Try 'wgform lab");
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"lab up, --rhel=K", "lab down, Safe to run twice", "lab status, only partly there"})
    void subcommandsHaveHelp(String command, String text) {
        Run run = Run.of((command + " --help").split(" "));
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: wgform " + command).contains(text);
    }
}
