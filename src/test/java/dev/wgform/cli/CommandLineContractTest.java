package dev.wgform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandLineContractTest {
    @Test
    void versionComesFromTheManifestOrIsDev() {
        Run run = Run.of("--version");
        assertThat(run.exitCode()).isZero();
        // tests run from classes, not the jar, so there is no manifest version
        assertThat(run.out().strip()).isEqualTo("wgform dev");
        assertThat(run.err()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "validate", "render", "graph", "plan", "apply", "drift", "rotate", "status", "lab",
            "lab up", "lab down", "completion"})
    void everyCommandHasHelp(String command) {
        String[] args = command.isEmpty() ? new String[] {"--help"} : (command + " --help").split(" ");
        Run run = Run.of(args);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: wgform" + (command.isEmpty() ? "" : " " + command));
        assertThat(run.out()).contains("--stacktrace", "--parallel=N", "--known-hosts=FILE", "--no-color", "--templates=DIR",
                "--accept-new-host-keys", "--verbose");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void rootHelpListsEveryCommandAndTheExitCodes() {
        String out = Run.of("--help").out();
        for (String c : new String[] {"validate", "render", "graph", "plan", "apply", "drift", "rotate", "status", "lab", "completion"}) {
            assertThat(out).containsPattern("(?m)^  " + c + " ");
        }
        assertThat(out).contains("Exit codes:", "2  changes or drift present");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "plan -i src/test/resources/cli/bad/inventory.yml playbooks/four-plane.yml --limit web --detailed-exitcode --json",
            "apply -i src/test/resources/cli/bad/inventory.yml playbooks/four-plane.yml --auto-approve --limit db"})
    void planAndApplyRefuseBadInputBeforeContactingAnyHost(String command) {
        Run run = Run.of(command.split(" "));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("src/test/resources/cli/bad/inventory.yml:").contains("nothing was changed").doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rotate -i inv.yml pb.yml --plane mgmt --hosts a,b --resume", "rotate -i inv.yml pb.yml --plane mgmt --batch 0",
            "rotate -i inv.yml pb.yml --plane mgmt --verify-timeout 0"})
    void rotateRefusesContradictoryOptionsBeforeReadingAnything(String command) {
        Run run = Run.of(command.split(" "));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("wgform: --").doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"drift -i inv.yml pb.yml --json --prometheus /tmp/wgform-test.prom", "status -i inv.yml pb.yml --json"})
    void driftAndStatusWithAMissingInventorySayWhichAndExit1BeforeContactingAnyHost(String command) {
        Run run = Run.of(command.split(" "));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("inv.yml").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownOptionIsAnErrorWithAHintAndExit1NotPicocli2() {
        Run run = Run.of("plan", "-i", "inv.yml", "pb.yml", "--bogus");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Unknown option: '--bogus'").contains("Try 'wgform plan --help'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownCommandAndMissingCommandAreUsageErrors() {
        Run unknown = Run.of("frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("frobnicate");
        Run none = Run.of();
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("a command is required").contains("Try 'wgform --help'");
    }

    @Test
    void missingRequiredArgumentsAreUsageErrors() {
        Run run = Run.of("rotate", "-i", "inv.yml", "pb.yml");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--plane");
    }

    @Test
    void parallelMustBePositive() {
        Run run = Run.of("--parallel", "0", "status", "-i", "inv.yml", "pb.yml");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--parallel must be at least 1");
    }

    @Test
    void globalOptionsCountBeforeAndAfterTheSubcommandName() {
        assertThat(parsedGlobals("status", "-i", "inv.yml", "pb.yml").parallel()).isEqualTo(16);

        GlobalOptions before = parsedGlobals("--parallel", "3", "--templates", "tpl", "--verbose", "status", "-i", "inv.yml", "pb.yml");
        assertThat(before.parallel()).isEqualTo(3);
        assertThat(before.templates()).contains(Path.of("tpl"));
        assertThat(before.verbose()).isTrue();

        GlobalOptions after = parsedGlobals("status", "-i", "inv.yml", "pb.yml", "--parallel", "5", "--no-color",
                "--known-hosts", "kh", "--accept-new-host-keys", "--stacktrace");
        assertThat(after.parallel()).isEqualTo(5);
        assertThat(after.color()).isFalse();
        assertThat(after.knownHosts()).contains(Path.of("kh"));
        assertThat(after.acceptNewHostKeys()).isTrue();
        assertThat(after.stacktrace()).isTrue();
        assertThat(after.verbose()).isFalse();
    }

    @Test
    void completionPrintsABashScriptThatKnowsTheCommands() {
        Run run = Run.of("completion");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("#!/usr/bin/env bash").contains("complete -F").contains("validate", "render", "graph", "plan", "rotate", "lab");
    }

    @Test
    void aRunRegistersTheCommandsItsArgumentsNameAndEveryCommandWhenTheyNameNone() {
        PrintWriter quiet = new PrintWriter(new StringWriter());
        assertThat(Main.commandLine(quiet, quiet, false, "plan", "-i", "inv.yml", "pb.yml").getSubcommands()).containsOnlyKeys("plan");
        // an option's value that names a command only adds that command: parsing is the same
        assertThat(Main.commandLine(quiet, quiet, false, "apply", "--limit", "lab", "pb.yml").getSubcommands()).containsOnlyKeys("apply", "lab");
        assertThat(Main.commandLine(quiet, quiet, false).getSubcommands()).containsOnlyKeys("validate", "render", "graph", "plan", "apply",
                "drift", "rotate", "status", "workstation", "lab", "completion");
        assertThat(Main.commandLine(quiet, quiet, false, "--help").getSubcommands()).hasSize(11);
        assertThat(Main.commandLine(quiet, quiet, false, "plna").getSubcommands()).hasSize(11); // a typo: picocli suggests from all
        assertThat(Main.commandLine(quiet, quiet, false, "completion").getSubcommands()).hasSize(11);
        Run typo = Run.of("plna");
        assertThat(typo.exitCode()).isEqualTo(1);
        assertThat(typo.err()).contains("plan");
        Run help = Run.of("--help");
        assertThat(help.out()).contains("validate", "render", "graph", "plan", "apply", "drift", "rotate", "status", "workstation", "lab", "completion");
    }

    private static GlobalOptions parsedGlobals(String... args) {
        CommandLine cmd = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false, args);
        cmd.parseArgs(args);
        return ((WgformCommand) cmd.getCommand()).global;
    }
}
