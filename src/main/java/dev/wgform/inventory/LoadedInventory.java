package dev.wgform.inventory;

import dev.wgform.model.Host;
import dev.wgform.model.Inventory;
import dev.wgform.model.SourceRef;
import java.util.Map;
import java.util.Optional;

/**
 * An inventory with, for each host, the definitions of its merged variables, so later checks
 * (against the playbook) can point at the line where a variable was written. {@code complete} is false
 * when an inventory document could not be read at all, so its hosts and groups are missing.
 */
record LoadedInventory(Inventory inventory, Map<String, Map<String, VarDef>> vars, boolean complete) {
    LoadedInventory {
        vars = Map.copyOf(vars);
    }

    /** Builds one from an Inventory alone (no variable positions: problems point at the host). */
    static LoadedInventory of(Inventory inventory) {
        return new LoadedInventory(inventory, Map.of(), true);
    }

    Optional<VarDef> var(String host, String name) {
        return Optional.ofNullable(vars.getOrDefault(host, Map.of()).get(name));
    }

    /** Where {@code name} was set for {@code host}, else where the host was declared. */
    SourceRef where(Host host, String name) {
        return var(host.name(), name).map(VarDef::keyWhere).orElse(host.source());
    }

    /** The problem key for {@code name} on {@code host}: its YAML path, else host.name. */
    String key(Host host, String name) {
        return var(host.name(), name).map(VarDef::path).orElse(host.name() + "." + name);
    }

    /** Where wg_addresses names {@code plane} for {@code host}. */
    SourceRef addressWhere(Host host, String plane) {
        return var(host.name(), "wg_addresses")
                .filter(v -> v.value() instanceof YamlMap)
                .flatMap(v -> ((YamlMap) v.value()).entry(plane))
                .map(YamlEntry::keyWhere)
                .orElse(where(host, "wg_addresses"));
    }
}
