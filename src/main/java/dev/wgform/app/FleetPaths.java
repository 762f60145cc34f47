package dev.wgform.app;

import java.nio.file.Path;
import java.util.Objects;

/** Where the fleet is described: the Ansible inventory and the wgform playbook. */
public record FleetPaths(Path inventory, Path playbook) {
    public FleetPaths {
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(playbook, "playbook");
    }
}
