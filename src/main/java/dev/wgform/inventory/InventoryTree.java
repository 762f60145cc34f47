package dev.wgform.inventory;

import dev.wgform.model.SourceRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Groups and hosts as the inventory files declare them, before nesting is resolved. A group or host
 * declared in several places is one entry: its members and variables accumulate in reading order.
 */
final class InventoryTree {
    static final class Group {
        final String name;
        final SourceRef where;
        /** child group -> where the nesting was written */
        final Map<String, SourceRef> children = new LinkedHashMap<>();
        final List<String> hosts = new ArrayList<>();
        final List<VarDef> vars = new ArrayList<>();
        OptionalLong priority = OptionalLong.empty();

        Group(String name, SourceRef where) {
            this.name = name;
            this.where = where;
        }
    }

    static final class HostEntry {
        final String name;
        final SourceRef where;
        final List<VarDef> vars = new ArrayList<>();

        HostEntry(String name, SourceRef where) {
            this.name = name;
            this.where = where;
        }
    }

    final Map<String, Group> groups = new LinkedHashMap<>();
    /** in inventory order: the order hosts are first seen */
    final Map<String, HostEntry> hosts = new LinkedHashMap<>();

    Group group(String name, SourceRef where) {
        return groups.computeIfAbsent(name, n -> new Group(n, where));
    }

    HostEntry host(String name, SourceRef where) {
        return hosts.computeIfAbsent(name, n -> new HostEntry(n, where));
    }
}
