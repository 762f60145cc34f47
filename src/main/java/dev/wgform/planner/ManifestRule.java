package dev.wgform.planner;

import dev.wgform.facts.Manifest;
import dev.wgform.plan.Action;
import dev.wgform.plan.Change;
import dev.wgform.plan.FileChange;
import dev.wgform.plan.ResourceType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The manifest lists every file wgform manages with the hash the fact script will report for it
 * ({@link FileChange#newSha256()}); it changes when that list changes.
 */
final class ManifestRule {
    static final String PATH = "/var/lib/wgform/manifest.json";

    private ManifestRule() {}

    /** @param managed the files wgform will manage after apply (rendered ones; deleted files left out) */
    static Change change(List<FileChange> managed, Optional<Manifest> current) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (FileChange f : managed) wanted.put(f.path(), f.kind() + " " + f.newSha256().orElse("(known after apply)"));
        Map<String, String> now = new LinkedHashMap<>();
        current.ifPresent(m -> m.files().forEach(f -> now.put(f.path(), f.kind() + " " + f.sha256())));

        List<String> details = new ArrayList<>();
        for (String path : wanted.keySet()) {
            if (!now.containsKey(path)) details.add("+ " + path);
            else if (!now.get(path).equals(wanted.get(path))) details.add("~ " + path);
        }
        for (String path : now.keySet()) if (!wanted.containsKey(path)) details.add("- " + path);
        Action action = current.isEmpty() ? Action.CREATE : details.isEmpty() ? Action.NOOP : Action.UPDATE;
        return new Change(ResourceType.MANIFEST, PATH, action, Optional.empty(), List.of(), action == Action.NOOP ? List.of() : details);
    }
}
