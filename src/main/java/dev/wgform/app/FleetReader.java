package dev.wgform.app;

import dev.wgform.desired.DesiredState;
import dev.wgform.desired.HostState;
import dev.wgform.desired.PublicKeys;
import dev.wgform.inventory.FleetLoader;
import dev.wgform.inventory.LoadedFleet;
import dev.wgform.model.InvalidInputException;
import dev.wgform.render.Renderer;
import dev.wgform.transport.RemoteHost;
import dev.wgform.transport.SshTransport;
import dev.wgform.model.Host;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The front half of plan and apply: validate the input (nothing is contacted when it is wrong), read every host in
 * parallel over one SSH session each, and plan.
 */
final class FleetReader {
    private FleetReader() {}

    /** For a run that will change hosts: every host's rendered files are kept for installing. */
    static FleetRun read(RunOptions options, Progress progress) throws InvalidInputException {
        return read(options, progress, FleetRun.Purpose.CHANGE);
    }

    static FleetRun read(RunOptions options, Progress progress, FleetRun.Purpose purpose) throws InvalidInputException {
        return read(options, progress, purpose, false);
    }

    /**
     * @param keysOnAnswer leave each reading command of the hosts inside the limit running, ready to make the host's
     *                     missing private keys when answered (apply: the keys step without a command of its own)
     */
    static FleetRun read(RunOptions options, Progress progress, FleetRun.Purpose purpose, boolean keysOnAnswer) throws InvalidInputException {
        long t0 = System.nanoTime();
        // starting the SSH client contacts no host: it starts while the input is read and checked (MINA's set-up is
        // a fifth of a second of a small run); bad input closes it unused
        CompletableFuture<SshTransport> transport = CompletableFuture.supplyAsync(() -> new SshTransport(options.ssh()), DAEMON);
        Readings readings;
        LoadedFleet loaded;
        Renderer renderer;
        HostLimit limit;
        try {
            loaded = FleetLoader.load(options.paths().inventory(), options.paths().playbook());
            renderer = new Renderer(options.templates());
            limit = HostLimit.of(options.limit());
            readings = readEach(loaded, transport, renderer, options, keysOnAnswer ? limit::includes : h -> false, progress, t0);
        } catch (InvalidInputException | RuntimeException e) {
            transport.handle((t, failed) -> t).thenAccept(t -> {
                if (t != null) t.close();
            });
            throw e;
        }
        FleetRun run = new FleetRun(loaded, options.paths(), readings.transport(), renderer, limit, readings.byHost(), purpose, options.parallel());
        try {
            long p0 = System.nanoTime();
            run.replan();
            progress.verbose(String.format("planned in %.2f s", (System.nanoTime() - p0) / 1e9));
            return run;
        } catch (InvalidInputException | RuntimeException e) {
            run.close();
            throw e;
        }
    }

    /**
     * What to read from each host does not depend on public keys, so the key-less desired state tells the fact script
     * which paths. The templates themselves run once the keys are known: a 500-host mesh's files are 200 MB.
     */
    private static Readings readEach(LoadedFleet loaded, CompletableFuture<SshTransport> transport, Renderer renderer, RunOptions options,
                                     Predicate<Host> keysOnAnswer, Progress progress, long t0)
            throws InvalidInputException {
        List<HostState> keyless = DesiredState.build(loaded.fleet(), PublicKeys.none());
        List<Host> hosts = keyless.stream().map(HostState::host).toList();
        renderer.checkTemplates(keyless); // bad input stops here, before any host is contacted

        // connecting needs only the inventory: it runs while the paths are worked out
        List<CompletableFuture<FactsGathering.Connection>> connections =
                FactsGathering.connectEach(loaded.fleet(), transport, hosts, options.parallel(), progress);
        List<List<String>> paths;
        try {
            paths = new HostRendering(renderer).pathsAll(keyless);
        } catch (InvalidInputException | RuntimeException e) {
            closeAll(connections);
            throw e; // the caller closes the client
        }
        progress.verbose(String.format("loaded and checked %d hosts in %.2f s", keyless.size(), (System.nanoTime() - t0) / 1e9));
        List<HostReading> readings = FactsGathering.readAll(connections, keyless, paths, keysOnAnswer, options.parallel(), progress);
        Map<String, HostReading> byHost = new LinkedHashMap<>();
        for (HostReading r : readings) byHost.put(r.host().name(), r);
        progress.verbose(String.format("read %d hosts in %.2f s: %d SSH sessions, %d remote commands", readings.size(),
                (System.nanoTime() - t0) / 1e9, transport.join().sessionsOpened(), transport.join().commandsRun()));
        return new Readings(transport.join(), byHost);
    }

    /** Every host's reading, inventory order, and the client whose sessions they hold. */
    private record Readings(SshTransport transport, Map<String, HostReading> byHost) {}

    private static final Executor DAEMON = r -> {
        Thread t = new Thread(r, "wgform-connect");
        t.setDaemon(true);
        t.start();
    };

    private static void closeAll(List<CompletableFuture<FactsGathering.Connection>> connections) {
        for (CompletableFuture<FactsGathering.Connection> c : connections) c.join().remote().ifPresent(RemoteHost::close);
    }
}
