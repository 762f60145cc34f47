package dev.wgform.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hosts of an Ansible YAML inventory, in the order they first appear.
 *
 * @param source the inventory file or directory
 * @param hosts  every host, in inventory order
 * @param groups each group's hosts, descendants' hosts included, in inventory order
 */
public record Inventory(String source, List<Host> hosts, Map<String, List<String>> groups) {
    public Inventory {
        hosts = List.copyOf(hosts);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        groups.forEach((g, members) -> copy.put(g, List.copyOf(members)));
        groups = java.util.Collections.unmodifiableMap(copy);
    }

    public Optional<Host> host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
    }
}
