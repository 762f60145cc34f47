package dev.wgform.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Show each plane's peers, handshakes and key ages.")
final class StatusCommand extends NotImplemented {
    @Mixin(name = GlobalOptions.MIXIN_NAME)
    GlobalOptions global;

    @Mixin
    FleetArgs fleet;

    @Option(names = "--json", description = "Print the status as JSON.")
    boolean json;
}
