package dev.wgform.cli;

import dev.wgform.app.FleetPaths;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The two inputs of every fleet command: {@code -i INVENTORY PLAYBOOK}. */
final class FleetArgs {
    @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY", required = true,
            description = "Ansible YAML inventory: a file, or a directory of them (with group_vars/ and host_vars/).")
    Path inventory;

    @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "wgform playbook (planes, services, firewall).")
    Path playbook;

    FleetPaths paths() {
        return new FleetPaths(inventory, playbook);
    }
}
