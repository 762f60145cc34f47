package dev.wgform.cli;

import dev.wgform.app.FleetPaths;
import dev.wgform.app.RunOptions;
import dev.wgform.transport.SshSettings;
import java.nio.file.Path;
import java.util.Optional;

/** The options every command that contacts hosts shares, from the global flags. */
final class RunOptionsFactory {
    private RunOptionsFactory() {}

    static RunOptions of(GlobalOptions global, FleetPaths paths, Optional<String> limit) {
        Path knownHosts = global.knownHosts().orElse(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
        return new RunOptions(paths, global.templates(), limit, SshSettings.defaults(knownHosts, global.acceptNewHostKeys()),
                global.parallel());
    }
}
