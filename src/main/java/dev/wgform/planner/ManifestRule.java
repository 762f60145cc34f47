package dev.wgform.planner;

import dev.wgform.facts.Manifest;
import dev.wgform.plan.Action;
import dev.wgform.plan.Change;
import dev.wgform.plan.FileChange;
import dev.wgform.plan.ResourceType;
import dev.wgform.render.RenderedFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The manifest lists every file wgform manages with its kind and hash; it changes when that list changes. The hash
 * should be the one the fact script reports for the installed file ({@link FileChange#newSha256()}, see
 * {@link Planner#installedSha256}); the hash of the rendering with its placeholders ({@link RenderedFile#sha256()})
 * is accepted as well, so either convention gives a stable plan after apply.
 */
final class ManifestRule {
    static final String PATH = "/var/lib/wgform/manifest.json";

    private ManifestRule() {}

    /**
     * @param managed  the files wgform will manage after apply (rendered ones; deleted files left out)
     * @param rendered the same files as rendered, by path
     */
    static Change change(List<FileChange> managed, Map<String, RenderedFile> rendered, Optional<Manifest> current) {
        Map<String, Manifest.ManagedFile> now = new LinkedHashMap<>();
        current.ifPresent(m -> m.files().forEach(f -> now.put(f.path(), f)));

        List<String> details = new ArrayList<>();
        Set<String> wanted = new HashSet<>();
        for (FileChange f : managed) {
            wanted.add(f.path());
            Manifest.ManagedFile entry = now.get(f.path());
            if (entry == null) {
                details.add("+ " + f.path());
            } else if (!entry.kind().equals(f.kind()) || !matches(entry.sha256(), f, rendered.get(f.path()))) {
                details.add("~ " + f.path());
            }
        }
        for (String path : now.keySet()) if (!wanted.contains(path)) details.add("- " + path);
        Action action = current.isEmpty() ? Action.CREATE : details.isEmpty() ? Action.NOOP : Action.UPDATE;
        return new Change(ResourceType.MANIFEST, PATH, action, Optional.empty(), List.of(), action == Action.NOOP ? List.of() : details);
    }

    /** Pending public keys make the new hash unknown: the entry will change. */
    private static boolean matches(String recorded, FileChange f, RenderedFile rendered) {
        if (f.newSha256().isEmpty()) return false;
        return recorded.equals(f.newSha256().get()) || (rendered != null && recorded.equals(rendered.sha256()));
    }
}
