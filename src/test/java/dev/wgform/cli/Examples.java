package dev.wgform.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's example inventories and playbooks (tests run from the project directory). */
final class Examples {
    static final Path INVENTORIES = Path.of("inventories");
    static final Path PLAYBOOKS = Path.of("playbooks");
    static final String[] NAMES = {"four-plane", "mesh-backplane", "hub-spoke", "relay-nat", "site-to-site", "full-tunnel", "stealth"};

    private Examples() {}

    static String inventory(String name) {
        return INVENTORIES.resolve(name + ".yml").toString();
    }

    static String playbook(String name) {
        return PLAYBOOKS.resolve(name + ".yml").toString();
    }

    /** Copies an example's inventory and playbook (not its lock file) into {@code dir}, so a test may write beside them. */
    static Path[] copy(String name, Path dir) throws IOException {
        Path inv = Files.copy(INVENTORIES.resolve(name + ".yml"), dir.resolve(name + ".yml"));
        Path pb = Files.copy(PLAYBOOKS.resolve(name + ".yml"), dir.resolve(name + "-playbook.yml"));
        return new Path[] {inv, pb};
    }

    private static final String BAD = "src/test/resources/cli/bad/";
    static final String BAD_INVENTORY = BAD + "inventory.yml";
    static final String BAD_PLAYBOOK = BAD + "playbook.yml";
}
