package dev.wgform.app;

import dev.wgform.transport.SshSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What every run against hosts needs: where the fleet is described, templates, which hosts, how to log in, and how
 * many hosts at once.
 *
 * @param force apply a plan even where it would cut wgform's own SSH path to a host (--force; see SshPathGuard)
 */
public record RunOptions(FleetPaths paths, Optional<Path> templates, Optional<String> limit, SshSettings ssh, int parallel,
                         boolean force) {
    public RunOptions {
        if (parallel < 1) throw new IllegalArgumentException("parallel must be at least 1");
    }

    /** Options without --force. */
    public RunOptions(FleetPaths paths, Optional<Path> templates, Optional<String> limit, SshSettings ssh, int parallel) {
        this(paths, templates, limit, ssh, parallel, false);
    }

    /** These options with --force as given. */
    public RunOptions withForce(boolean force) {
        return new RunOptions(paths, templates, limit, ssh, parallel, force);
    }
}
