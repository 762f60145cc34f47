package dev.wgform.inventory;

import dev.wgform.model.Host;
import dev.wgform.model.InvalidInputException;
import dev.wgform.model.Inventory;
import dev.wgform.model.SourceRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads an Ansible YAML inventory (a file, or a directory of them) with group_vars/ and host_vars/,
 * merging variables in Ansible's precedence order (lowest first):
 * inventory-file group vars (all, then by depth, ansible_group_priority and name),
 * group_vars/all, group_vars/&lt;group&gt; (same order), inventory-file host vars, host_vars/&lt;host&gt;.
 * Higher precedence replaces a whole value (Ansible's default hash_behaviour=replace).
 */
public final class InventoryLoader {
    private InventoryLoader() {}

    public static Inventory load(Path inventory) throws InvalidInputException {
        Problems problems = new Problems();
        LoadedInventory loaded = read(inventory, problems);
        problems.throwIfAny();
        return loaded.inventory();
    }

    /** Reads what it can; every problem goes to {@code problems}. */
    static LoadedInventory read(Path path, Problems problems) {
        String name = path.toString();
        InventoryTree tree = new InventoryTree();
        if (!Files.exists(path)) {
            problems.add(SourceRef.of(name), "", "inventory not found: give an Ansible YAML inventory file or directory");
            return new LoadedInventory(new Inventory(name, List.of(), Map.of()), Map.of(), false);
        }
        List<Path> documents;
        try {
            documents = InventoryFiles.documents(path);
        } catch (IOException e) {
            problems.add(SourceRef.of(name), "", "cannot read the inventory directory: " + e.getMessage());
            documents = List.of();
        }
        if (documents.isEmpty() && Files.isDirectory(path)) {
            problems.add(SourceRef.of(name), "", "the inventory directory holds no .yml or .yaml inventory file");
        }
        boolean complete = !documents.isEmpty();
        InventoryFileParser parser = new InventoryFileParser(tree, problems);
        for (Path document : documents) {
            Optional<YamlNode> root = SafeYaml.read(document, "an Ansible YAML inventory (all: with hosts: and children:)", false,
                    problems);
            root.ifPresent(parser::parse);
            complete &= root.isPresent();
        }
        GroupGraph graph = new GroupGraph(tree, SourceRef.of(name), problems);
        VarFiles files = new VarFiles(InventoryFiles.varsBase(path), problems);

        List<Host> hosts = new ArrayList<>();
        Map<String, Map<String, VarDef>> merged = new HashMap<>();
        for (InventoryTree.HostEntry entry : tree.hosts.values()) {
            Map<String, VarDef> vars = mergeVars(entry, tree, graph, files);
            merged.put(entry.name, vars);
            hosts.add(HostFactory.build(entry.name, vars, graph.groupsOf(entry.name), entry.where));
        }
        return new LoadedInventory(new Inventory(name, hosts, graph.hostsByGroup()), merged, complete);
    }

    private static Map<String, VarDef> mergeVars(InventoryTree.HostEntry host, InventoryTree tree, GroupGraph graph, VarFiles files) {
        Map<String, VarDef> vars = new LinkedHashMap<>();
        List<String> groups = graph.precedenceOrder(host.name);
        for (String g : groups) put(vars, tree.groups.get(g).vars);
        put(vars, files.of("group_vars", GroupGraph.ALL));
        for (String g : groups) if (!g.equals(GroupGraph.ALL)) put(vars, files.of("group_vars", g));
        put(vars, host.vars);
        put(vars, files.of("host_vars", host.name));
        return vars;
    }

    private static void put(Map<String, VarDef> vars, List<VarDef> defs) {
        for (VarDef d : defs) {
            vars.remove(d.name()); // a redefinition moves to where it now comes from; order follows precedence
            vars.put(d.name(), d);
        }
    }

    /** group_vars/ and host_vars/ files, each read and checked once. */
    private static final class VarFiles {
        private final Path base;
        private final Problems problems;
        private final Map<String, List<VarDef>> cache = new HashMap<>();

        VarFiles(Path base, Problems problems) {
            this.base = base;
            this.problems = problems;
        }

        List<VarDef> of(String kind, String name) {
            return cache.computeIfAbsent(kind + "/" + name, k -> load(kind, name));
        }

        private List<VarDef> load(String kind, String name) {
            List<VarDef> defs = new ArrayList<>();
            List<Path> paths;
            try {
                paths = InventoryFiles.varsFiles(base, kind, name);
            } catch (IOException e) {
                problems.add(SourceRef.of(base.resolve(kind).toString()), "", "cannot read " + kind + ": " + e.getMessage());
                return defs;
            }
            for (Path p : paths) {
                Optional<YamlNode> root = SafeYaml.read(p, "variables (key: value lines)", true, problems);
                if (root.isEmpty()) continue;
                Optional<YamlMap> map = Values.map(root.get(), "", problems);
                if (map.isEmpty()) continue;
                for (YamlEntry e : map.get().entries()) {
                    VarDef def = new VarDef(e.key(), e.value(), e.keyWhere(), e.key());
                    HostVars.check(def, problems);
                    defs.add(def);
                }
            }
            return defs;
        }
    }
}
