package dev.wgform.app;

import dev.wgform.desired.DesiredState;
import dev.wgform.desired.HostState;
import dev.wgform.desired.PublicKeys;
import dev.wgform.inventory.FleetLoader;
import dev.wgform.inventory.LoadedFleet;
import dev.wgform.model.InvalidInputException;
import dev.wgform.render.RenderedFile;
import dev.wgform.render.Renderer;
import dev.wgform.transport.SshTransport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The front half of plan and apply: validate the input (nothing is contacted when it is wrong), read every host in
 * parallel over one SSH session each, and plan.
 */
final class FleetReader {
    private FleetReader() {}

    static FleetRun read(RunOptions options, Progress progress) throws InvalidInputException {
        LoadedFleet loaded = FleetLoader.load(options.paths().inventory(), options.paths().playbook());
        Renderer renderer = new Renderer(options.templates());
        // what to read from each host does not depend on public keys, so a key-less render tells the fact script
        List<HostState> keyless = DesiredState.build(loaded.fleet(), PublicKeys.none());
        List<List<RenderedFile>> files = new HostRendering(renderer).renderAll(keyless);

        SshTransport transport = new SshTransport(options.ssh());
        long start = System.nanoTime();
        List<HostReading> readings = FactsGathering.gather(loaded.fleet(), transport, keyless, files, options.parallel(), progress);
        Map<String, HostReading> byHost = new LinkedHashMap<>();
        for (HostReading r : readings) byHost.put(r.host().name(), r);
        progress.verbose(String.format("read %d hosts in %.2f s: %d SSH sessions, %d remote commands", readings.size(),
                (System.nanoTime() - start) / 1e9, transport.sessionsOpened(), commands(readings)));

        FleetRun run = new FleetRun(loaded, options.paths(), transport, renderer, HostLimit.of(options.limit()), byHost);
        try {
            run.replan();
            return run;
        } catch (InvalidInputException | RuntimeException e) {
            run.close();
            throw e;
        }
    }

    static int commands(Iterable<HostReading> readings) {
        int n = 0;
        for (HostReading r : readings) if (r instanceof HostReading.Reached) n += ((HostReading.Reached) r).remote().commandsRun();
        return n;
    }
}
