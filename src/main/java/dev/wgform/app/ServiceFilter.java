package dev.wgform.app;

import dev.wgform.desired.HostState;
import dev.wgform.desired.ServiceState;
import dev.wgform.facts.HostFacts;
import dev.wgform.render.RenderedFile;
import java.util.ArrayList;
import java.util.List;

/**
 * A service binding is applied only where its service runs: writing PostgreSQL's drop-in on a host without
 * PostgreSQL would create its directories for nothing. Files wgform already manages stay managed.
 */
final class ServiceFilter {
    private ServiceFilter() {}

    static List<RenderedFile> installedOnly(List<RenderedFile> files, HostState desired, HostFacts facts) {
        if (facts == null) return files;
        List<RenderedFile> out = new ArrayList<>(files.size());
        for (RenderedFile f : files) {
            if (!skipped(f, desired, facts)) out.add(f);
        }
        return out;
    }

    static List<String> notes(HostState desired, HostFacts facts) {
        List<String> out = new ArrayList<>();
        for (ServiceState s : desired.services()) {
            if (!runs(s, facts) && !managed(s.destination(), facts)) {
                out.add(s.name() + " is not running here: its binding (" + s.destination() + ") is skipped until it is");
            }
        }
        return out;
    }

    private static boolean skipped(RenderedFile f, HostState desired, HostFacts facts) {
        if (!f.kind().startsWith("service:")) return false;
        for (ServiceState s : desired.services()) {
            if (s.destination().equals(f.path())) return !runs(s, facts) && !managed(f.path(), facts);
        }
        return false;
    }

    private static boolean runs(ServiceState s, HostFacts facts) {
        if (s.kind() == dev.wgform.model.ServiceKind.CUSTOM) return true; // the user named its file and commands
        return Boolean.TRUE.equals(facts.services().get(s.name()));
    }

    private static boolean managed(String path, HostFacts facts) {
        return facts.manifest().map(m -> m.files().stream().anyMatch(f -> f.path().equals(path))).orElse(false);
    }
}
