package dev.wgform.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "drift", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Report hosts whose state differs from the playbook (exit 2 when there is drift).")
final class DriftCommand extends NotImplemented {
    @Mixin(name = GlobalOptions.MIXIN_NAME)
    GlobalOptions global;

    @Mixin
    FleetArgs fleet;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--prometheus", paramLabel = "FILE", description = "Also write the result as Prometheus metrics (textfile collector).")
    Optional<Path> prometheus;
}
