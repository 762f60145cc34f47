package dev.wgform.plan;

import java.util.List;
import java.util.Optional;

/**
 * One resource on one host and what the plan does to it.
 *
 * @param type    what kind of resource
 * @param name    which one: the interface for a private key or interface state ({@code wg-mgmt}),
 *                {@code psk <iface> <peer>} for a pre-shared key, the path for files and the manifest
 * @param action  create, update, delete or nothing
 * @param file    the file's contents and diff, for rendered files (wg config, firewall, service config) only
 * @param effects what apply must do beyond writing the file, in order; none for NOOP
 * @param details lines for people: "public key: (known after apply)", "mode 0644 -> 0600", ...
 */
public record Change(ResourceType type, String name, Action action, Optional<FileChange> file, List<Effect> effects,
                     List<String> details) {
    public Change {
        if (type == null || action == null) throw new IllegalArgumentException("type and action are required");
        Checks.name(name, "resource name");
        effects = List.copyOf(effects);
        details = List.copyOf(details);
        if (type.isRenderedFile() != file.isPresent()) {
            throw new IllegalArgumentException(type.label() + " " + name + (file.isPresent() ? " cannot carry a file" : " needs its file"));
        }
        if (action == Action.NOOP && !effects.isEmpty()) throw new IllegalArgumentException("a no-op has no effects: " + name);
        for (String d : details) Checks.noSecret(d, "a detail of " + name);
    }

    public boolean changes() {
        return action != Action.NOOP;
    }

    /** For people: the path for files, else the type and name ("private key wg-mgmt", "interface wg-mgmt"). */
    public String label() {
        if (type.isRenderedFile() || type == ResourceType.MANIFEST) return name;
        if (type == ResourceType.PRESHARED_KEY) return name; // already "psk wg-mgmt lab-2"
        return type.label() + " " + name;
    }
}
