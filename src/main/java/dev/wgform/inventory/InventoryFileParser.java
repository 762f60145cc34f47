package dev.wgform.inventory;

import dev.wgform.model.SourceRef;
import java.util.List;
import java.util.Optional;

/**
 * Reads one Ansible YAML inventory document into an {@link InventoryTree}, as Ansible's yaml
 * inventory plugin does: top-level keys are groups; a group has {@code hosts}, {@code children}
 * and {@code vars}; a host key may hold ranges and a port; a host's map holds host variables.
 */
final class InventoryFileParser {
    static final List<String> GROUP_KEYS = List.of("hosts", "children", "vars");

    private final InventoryTree tree;
    private final Problems problems;

    InventoryFileParser(InventoryTree tree, Problems problems) {
        this.tree = tree;
        this.problems = problems;
    }

    void parse(YamlNode root) {
        if (!(root instanceof YamlMap)) {
            problems.add(root.where(), "", "an inventory starts with groups, like 'all:' with hosts: and children: below it; found "
                    + root.describe());
            return;
        }
        for (YamlEntry e : ((YamlMap) root).entries()) group(e.key(), e.value(), e.keyWhere(), e.key());
    }

    private void group(String name, YamlNode node, SourceRef where, String path) {
        InventoryTree.Group group = tree.group(name, where);
        if (isNull(node)) return;
        if (!(node instanceof YamlMap)) {
            problems.add(node.where(), path, "group '" + name + "' must be a map with hosts:, children: or vars:, found " + node.describe());
            return;
        }
        YamlMap map = (YamlMap) node;
        for (YamlEntry e : map.entries()) {
            if (!GROUP_KEYS.contains(e.key())) {
                String suggestion = Suggestions.didYouMean(e.key(), GROUP_KEYS);
                problems.add(e.keyWhere(), Keys.join(path, e.key()), "unknown key '" + e.key() + "' in group '" + name + "'"
                        + (suggestion.isEmpty() ? "; a group holds only hosts:, children: and vars: (hosts go under hosts:)" : suggestion));
            }
        }
        for (YamlEntry e : map.entries()) { // in document order, as Ansible reads them: it decides host order
            String sectionPath = Keys.join(path, e.key());
            if (e.key().equals("vars")) groupVars(group, e.value(), sectionPath);
            if (e.key().equals("children")) children(group, e.value(), sectionPath);
            if (e.key().equals("hosts")) hosts(group, e.value(), sectionPath);
        }
    }

    private void groupVars(InventoryTree.Group group, YamlNode node, String path) {
        if (isNull(node)) return;
        Optional<YamlMap> vars = Values.map(node, path, problems);
        if (vars.isEmpty()) return;
        for (YamlEntry e : vars.get().entries()) {
            VarDef def = new VarDef(e.key(), e.value(), e.keyWhere(), Keys.join(path, e.key()));
            if (e.key().equals("ansible_group_priority")) {
                Values.integer(e.value(), def.path(), problems, Integer.MIN_VALUE, Integer.MAX_VALUE)
                        .ifPresent(p -> group.priority = java.util.OptionalLong.of(p));
            }
            HostVars.check(def, problems);
            group.vars.add(def);
        }
    }

    private void children(InventoryTree.Group parent, YamlNode node, String path) {
        if (isNull(node)) return;
        if (node instanceof YamlScalar) { // Ansible accepts "children: web" for a single child
            Values.text(node, path, problems).ifPresent(child -> link(parent, child, node.where()));
            return;
        }
        Optional<YamlMap> children = Values.map(node, path, problems);
        if (children.isEmpty()) return;
        for (YamlEntry e : children.get().entries()) {
            group(e.key(), e.value(), e.keyWhere(), Keys.join(path, e.key()));
            link(parent, e.key(), e.keyWhere());
        }
    }

    private void link(InventoryTree.Group parent, String child, SourceRef where) {
        tree.group(child, where);
        parent.children.putIfAbsent(child, where);
    }

    private void hosts(InventoryTree.Group group, YamlNode node, String path) {
        if (isNull(node)) return;
        if (node instanceof YamlScalar) { // Ansible accepts "hosts: web1" for a single host
            Values.text(node, path, problems).ifPresent(pattern -> host(group, pattern, node.where(), null, path));
            return;
        }
        if (node instanceof YamlList) {
            problems.add(node.where(), path, "hosts must be a map (each host a key ending in ':'), not a list; write '"
                    + "hosts:' then one 'name:' line per host");
            return;
        }
        Optional<YamlMap> hosts = Values.map(node, path, problems);
        if (hosts.isEmpty()) return;
        for (YamlEntry e : hosts.get().entries()) host(group, e.key(), e.keyWhere(), e.value(), path);
    }

    private void host(InventoryTree.Group group, String pattern, SourceRef where, YamlNode vars, String path) {
        String hostPath = Keys.join(path, pattern);
        HostPattern.Expansion expansion;
        try {
            expansion = HostPattern.expand(pattern);
        } catch (IllegalArgumentException e) {
            problems.add(where, hostPath, "bad host '" + pattern + "': " + e.getMessage());
            return;
        }
        for (String name : expansion.hosts()) {
            if (!LinuxNames.isHostKey(name)) {
                problems.add(where, hostPath, "host name '" + name + "' may only use letters, digits, '.', '_' and '-', starting"
                        + " with a letter or digit: wgform names files and peers after it; put an address in ansible_host");
                break; // still read: its groups and planes are not also reported as empty
            }
        }
        List<VarDef> defs = new java.util.ArrayList<>();
        if (vars != null && !isNull(vars)) {
            if (vars instanceof YamlMap) {
                for (YamlEntry e : ((YamlMap) vars).entries()) {
                    VarDef def = new VarDef(e.key(), e.value(), e.keyWhere(), Keys.join(hostPath, e.key()));
                    HostVars.check(def, problems);
                    defs.add(def);
                }
            } else {
                problems.add(vars.where(), hostPath, "host variables must be a map like { ansible_host: 203.0.113.10 }, found "
                        + vars.describe());
            }
        }
        for (String name : expansion.hosts()) {
            InventoryTree.HostEntry host = tree.host(name, where);
            if (!group.hosts.contains(name)) group.hosts.add(name);
            if (expansion.port().isPresent()) {
                YamlScalar port = new YamlScalar(Integer.toString(expansion.port().getAsInt()), YamlScalar.Type.INT, where);
                host.vars.add(new VarDef("ansible_port", port, where, Keys.join(hostPath, "ansible_port")));
            }
            host.vars.addAll(defs);
        }
    }

    private static boolean isNull(YamlNode node) {
        return node instanceof YamlScalar && ((YamlScalar) node).isNull();
    }
}
