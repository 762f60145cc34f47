package dev.wgform.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "rotate", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Rotate a plane's keys in stages, without cutting the plane.")
final class RotateCommand extends NotImplemented {
    @Mixin(name = GlobalOptions.MIXIN_NAME)
    GlobalOptions global;

    @Mixin
    FleetArgs fleet;

    @Option(names = "--plane", paramLabel = "PLANE", required = true, description = "The plane whose keys to rotate.")
    String plane;

    @Option(names = "--hosts", paramLabel = "H1,H2", split = ",", description = "Only these hosts (default: every member).")
    List<String> hosts = List.of();

    @Option(names = "--resume", description = "Continue an interrupted rotation.")
    boolean resume;
}
