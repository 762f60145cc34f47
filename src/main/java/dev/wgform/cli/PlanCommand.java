package dev.wgform.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Read every host's state over SSH and show what apply would change (changes nothing).")
final class PlanCommand extends NotImplemented {
    @Mixin(name = GlobalOptions.MIXIN_NAME)
    GlobalOptions global;

    @Mixin
    FleetArgs fleet;

    @Option(names = "--limit", paramLabel = "PATTERN", description = "Only hosts or groups matching PATTERN.")
    Optional<String> limit;

    @Option(names = "--detailed-exitcode", description = "Exit 2 when there are changes, 0 when there are none.")
    boolean detailedExitcode;

    @Option(names = "--json", description = "Print the plan as JSON.")
    boolean json;

    @Option(names = "--out", paramLabel = "PLANFILE", description = "Save the plan for a later apply.")
    Optional<Path> out;
}
