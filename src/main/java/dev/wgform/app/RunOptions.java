package dev.wgform.app;

import dev.wgform.transport.SshSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What every run against hosts needs: where the fleet is described, templates, which hosts, how to log in, and how
 * many hosts at once.
 */
public record RunOptions(FleetPaths paths, Optional<Path> templates, Optional<String> limit, SshSettings ssh, int parallel) {
    public RunOptions {
        if (parallel < 1) throw new IllegalArgumentException("parallel must be at least 1");
    }
}
