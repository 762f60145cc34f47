package dev.wgform.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "apply", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Make the hosts match the playbook: push files atomically, run only the actions needed, "
                + "roll back on failure.")
final class ApplyCommand extends NotImplemented {
    @Mixin(name = GlobalOptions.MIXIN_NAME)
    GlobalOptions global;

    @Mixin
    FleetArgs fleet;

    @Option(names = "--auto-approve", description = "Apply without asking.")
    boolean autoApprove;

    @Option(names = "--limit", paramLabel = "PATTERN", description = "Only hosts or groups matching PATTERN.")
    Optional<String> limit;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PLANFILE", description = "A plan saved by plan --out.")
    Optional<Path> planFile;
}
