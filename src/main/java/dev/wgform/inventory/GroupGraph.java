package dev.wgform.inventory;

import dev.wgform.model.SourceRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The group nesting of an inventory, completed as Ansible completes it: groups without a parent
 * are children of {@code all}, hosts in no other group are in {@code ungrouped}. A nesting loop
 * is a problem (and that link is ignored). Gives each host its groups, and each group its depth
 * (longest path from {@code all}), which orders variable precedence.
 */
final class GroupGraph {
    static final String ALL = "all";
    static final String UNGROUPED = "ungrouped";

    private final Map<String, InventoryTree.Group> groups;
    private final Map<String, Integer> depth = new HashMap<>();
    /** group -> hosts in it, directly or through its descendants, in inventory order */
    private final Map<String, List<String>> hostsOf = new LinkedHashMap<>();
    /** host -> its groups, ancestors included, in inventory order of the groups */
    private final Map<String, List<String>> groupsOf = new LinkedHashMap<>();

    GroupGraph(InventoryTree tree, SourceRef inventory, Problems problems) {
        tree.group(ALL, inventory);
        tree.group(UNGROUPED, inventory);
        Map<String, InventoryTree.Group> ordered = new LinkedHashMap<>();
        ordered.put(ALL, tree.groups.get(ALL)); // "all" first, the rest in the order written
        ordered.putAll(tree.groups);
        this.groups = ordered;
        breakLoops(problems);
        attachOrphansToAll();
        for (String host : tree.hosts.keySet()) {
            if (!isGroupedBeyondAll(host)) {
                List<String> ungrouped = groups.get(UNGROUPED).hosts;
                if (!ungrouped.contains(host)) ungrouped.add(host);
            }
        }
        computeDepths(ALL, 0);
        List<String> hostOrder = new ArrayList<>(tree.hosts.keySet());
        for (String g : groups.keySet()) {
            Set<String> members = new HashSet<>();
            collectHosts(g, members, new HashSet<>());
            List<String> inOrder = new ArrayList<>();
            for (String h : hostOrder) if (members.contains(h)) inOrder.add(h);
            hostsOf.put(g, inOrder);
        }
        for (String h : hostOrder) {
            List<String> mine = new ArrayList<>();
            for (String g : groups.keySet()) if (hostsOf.get(g).contains(h)) mine.add(g);
            groupsOf.put(h, mine);
        }
    }

    Map<String, List<String>> hostsByGroup() {
        return hostsOf;
    }

    List<String> groupsOf(String host) {
        return groupsOf.getOrDefault(host, List.of());
    }

    int depth(String group) {
        return depth.getOrDefault(group, 1);
    }

    /** The host's groups in Ansible's precedence order: by depth, then ansible_group_priority, then name. */
    List<String> precedenceOrder(String host) {
        List<String> sorted = new ArrayList<>(groupsOf(host));
        sorted.sort(Comparator.comparingInt(this::depth)
                .thenComparingLong(g -> groups.get(g).priority.orElse(1))
                .thenComparing(Comparator.naturalOrder()));
        return sorted;
    }

    /** Depth-first over children; an edge back into the current path is a loop: report it, drop it. */
    private void breakLoops(Problems problems) {
        for (InventoryTree.Group g : groups.values()) {
            SourceRef where = g.children.remove(ALL);
            if (where != null) {
                problems.add(where, ALL, "'all' holds every group and cannot be a child of '" + g.name + "'; remove it there");
            }
        }
        Set<String> done = new HashSet<>();
        for (String g : new ArrayList<>(groups.keySet())) visit(g, new LinkedHashSet<>(), done, problems);
    }

    private void visit(String group, LinkedHashSet<String> path, Set<String> done, Problems problems) {
        if (done.contains(group)) return;
        path.add(group);
        InventoryTree.Group g = groups.get(group);
        for (String child : new ArrayList<>(g.children.keySet())) {
            if (path.contains(child)) {
                List<String> cycle = new ArrayList<>();
                boolean in = false;
                for (String p : path) {
                    if (p.equals(child)) in = true;
                    if (in) cycle.add(p);
                }
                cycle.add(child);
                SourceRef where = g.children.remove(child);
                problems.add(where, child, "group nesting loop: " + String.join(" -> ", cycle)
                        + "; a group cannot contain itself, remove one of these children: entries");
            } else {
                visit(child, path, done, problems);
            }
        }
        path.remove(group);
        done.add(group);
    }

    private void attachOrphansToAll() {
        Set<String> hasParent = new HashSet<>();
        for (InventoryTree.Group g : groups.values()) hasParent.addAll(g.children.keySet());
        InventoryTree.Group all = groups.get(ALL);
        for (String g : groups.keySet()) {
            if (!g.equals(ALL) && !hasParent.contains(g)) all.children.putIfAbsent(g, all.where);
        }
    }

    private boolean isGroupedBeyondAll(String host) {
        for (InventoryTree.Group g : groups.values()) {
            if (!g.name.equals(ALL) && !g.name.equals(UNGROUPED) && g.hosts.contains(host)) return true;
        }
        return false;
    }

    private void computeDepths(String group, int d) {
        if (depth.getOrDefault(group, -1) >= d) return;
        depth.put(group, d);
        for (String child : groups.get(group).children.keySet()) computeDepths(child, d + 1);
    }

    private void collectHosts(String group, Set<String> out, Set<String> seen) {
        if (!seen.add(group)) return;
        InventoryTree.Group g = groups.get(group);
        out.addAll(g.hosts);
        for (String child : g.children.keySet()) collectHosts(child, out, seen);
    }
}
