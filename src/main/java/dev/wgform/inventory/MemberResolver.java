package dev.wgform.inventory;

import dev.wgform.model.Host;
import dev.wgform.model.Inventory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns lists of group and host names (members:, hosts:) into hosts, in inventory order. */
final class MemberResolver {
    private final Inventory inventory;
    private final Set<String> names = new LinkedHashSet<>();

    MemberResolver(Inventory inventory) {
        this.inventory = inventory;
        names.addAll(inventory.groups().keySet());
        for (Host h : inventory.hosts()) names.add(h.name());
    }

    boolean isHost(String name) {
        return inventory.host(name).isPresent();
    }

    boolean isGroup(String name) {
        return inventory.groups().containsKey(name);
    }

    /**
     * The hosts named by {@code entries} (group names expanded). An unknown name is a problem at
     * {@code listPath[i]}; {@code what} says in the message what the list is.
     */
    List<Host> resolve(List<String> entries, String listPath, Refs refs, Problems problems) {
        Set<String> wanted = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String name = entries.get(i).trim();
            if (isGroup(name)) wanted.addAll(inventory.groups().get(name));
            if (isHost(name)) wanted.add(name);
            if (!isGroup(name) && !isHost(name)) {
                String itemPath = listPath + "[" + i + "]";
                problems.add(refs.at(itemPath), listPath, "no group or host '" + name + "' in the inventory"
                        + Suggestions.didYouMean(name, names));
            }
        }
        List<Host> out = new ArrayList<>();
        for (Host h : inventory.hosts()) if (wanted.contains(h.name())) out.add(h);
        return out;
    }

    /** The suggestion text for an unknown name. */
    String didYouMean(String name) {
        return Suggestions.didYouMean(name, names);
    }
}
