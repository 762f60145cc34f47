package dev.wgform.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where an inventory's files are, as Ansible finds them: a file, or every YAML file of a directory
 * (sorted, recursively, skipping group_vars/ and host_vars/); group_vars/ and host_vars/ beside the
 * inventory file or inside the inventory directory; and wgform's lock file.
 */
final class InventoryFiles {
    static final String DIRECTORY_LOCK = "wgform.lock.yml";
    private static final String LOCK_SUFFIX = ".lock.yml";

    private InventoryFiles() {}

    /** The inventory documents to read, in Ansible's order. */
    static List<Path> documents(Path inventory) throws IOException {
        if (!Files.isDirectory(inventory)) return List.of(inventory);
        List<Path> out = new ArrayList<>();
        collect(inventory, out);
        return out;
    }

    private static void collect(Path dir, List<Path> out) throws IOException {
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.sorted().toList();
        }
        for (Path p : entries) {
            String name = p.getFileName().toString();
            if (name.startsWith(".")) continue;
            if (Files.isDirectory(p)) {
                if (!name.equals("group_vars") && !name.equals("host_vars")) collect(p, out);
            } else if (isYaml(name) && !name.endsWith(LOCK_SUFFIX) && !name.equals(DIRECTORY_LOCK)) {
                out.add(p);
            }
        }
    }

    /** The directory holding group_vars/ and host_vars/. */
    static Path varsBase(Path inventory) {
        if (Files.isDirectory(inventory)) return inventory;
        Path parent = inventory.getParent();
        return parent != null ? parent : Path.of("");
    }

    /**
     * The variable files for {@code name} under {@code base/kind}: {@code name}, {@code name.yml},
     * {@code name.yaml}, or every YAML file below a directory {@code name/}, in that order.
     */
    static List<Path> varsFiles(Path base, String kind, String name) throws IOException {
        Path dir = base.resolve(kind);
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir) || name.contains("/") || name.contains("\\") || name.equals("..") || name.equals(".")) return out;
        for (String candidate : List.of(name, name + ".yml", name + ".yaml")) {
            Path p = dir.resolve(candidate);
            if (Files.isDirectory(p)) {
                collectVars(p, out);
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private static void collectVars(Path dir, List<Path> out) throws IOException {
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.sorted().toList();
        }
        for (Path p : entries) {
            String name = p.getFileName().toString();
            if (name.startsWith(".")) continue;
            if (Files.isDirectory(p)) collectVars(p, out);
            else if (isYaml(name)) out.add(p);
        }
    }

    /** inventories/x.yml -> inventories/x.lock.yml; a directory inventory -> dir/wgform.lock.yml. */
    static Path lockPath(Path inventory) {
        if (Files.isDirectory(inventory)) return inventory.resolve(DIRECTORY_LOCK);
        String name = inventory.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        String stem = lower.endsWith(".yml") ? name.substring(0, name.length() - 4)
                : lower.endsWith(".yaml") ? name.substring(0, name.length() - 5) : name;
        return inventory.resolveSibling(stem + LOCK_SUFFIX);
    }

    private static boolean isYaml(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yml") || lower.endsWith(".yaml");
    }
}
