package dev.wgform.app;

import dev.wgform.desired.DesiredState;
import dev.wgform.desired.HostState;
import dev.wgform.desired.PublicKeys;
import dev.wgform.inventory.FleetLoader;
import dev.wgform.inventory.LoadedFleet;
import dev.wgform.model.Host;
import dev.wgform.model.InvalidInputException;
import dev.wgform.model.Problem;
import dev.wgform.model.SourceRef;
import dev.wgform.render.RenderedFile;
import dev.wgform.render.Renderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Renders every host's files into a local directory, exactly as they would be installed but with placeholders
 * where secrets go. Touches no host. Everything is rendered in memory first, so a broken template or value
 * stops the run before any file (or the lock file) is written.
 */
public final class RenderService {
    public RenderReport render(FleetPaths paths, Optional<Path> templates, Path outDir) throws InvalidInputException, IOException {
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new InvalidInputException(new Problem(SourceRef.of(outDir.toString()), "--out",
                    "is a file, not a directory; give a directory to write the hosts' files into"));
        }
        LoadedFleet loaded = FleetLoader.load(paths.inventory(), paths.playbook());
        List<HostState> states = DesiredState.build(loaded.fleet(), PublicKeys.none());
        List<List<RenderedFile>> rendered = new HostRendering(new Renderer(templates)).renderAll(states);

        loaded.saveLockIfChanged();
        List<RenderReport.HostOutput> written = new ArrayList<>();
        for (int i = 0; i < states.size(); i++) {
            String host = states.get(i).host().name();
            Path hostDir = outDir.resolve(host);
            written.add(new RenderReport.HostOutput(host, hostDir, RenderedFiles.writeUnder(hostDir, rendered.get(i))));
        }
        Set<String> renderedHosts = new HashSet<>();
        for (HostState s : states) renderedHosts.add(s.host().name());
        List<String> idle = new ArrayList<>();
        for (Host h : loaded.fleet().inventory().hosts()) if (!renderedHosts.contains(h.name())) idle.add(h.name());
        return new RenderReport(outDir, written, idle, loaded.lockChanged(), loaded.lockPath());
    }
}
