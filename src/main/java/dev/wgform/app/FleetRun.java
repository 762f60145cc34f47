package dev.wgform.app;

import dev.wgform.desired.DesiredState;
import dev.wgform.desired.HostState;
import dev.wgform.desired.PublicKeys;
import dev.wgform.drift.KeyAgeNotes;
import dev.wgform.facts.FactsException;
import dev.wgform.facts.HostFacts;
import dev.wgform.inventory.LoadedFleet;
import dev.wgform.model.InvalidInputException;
import dev.wgform.plan.Change;
import dev.wgform.plan.HostPlan;
import dev.wgform.plan.Plan;
import dev.wgform.planner.Planner;
import dev.wgform.render.RenderedFile;
import dev.wgform.render.Renderer;
import dev.wgform.transport.RemoteHost;
import dev.wgform.transport.SshTransport;
import dev.wgform.transport.TransportException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run against the fleet: the loaded playbook, the SSH sessions opened to read the hosts (kept open so apply
 * reuses them), what each host reported, and the plan computed from it. Closing it closes every session.
 */
final class FleetRun implements AutoCloseable {
    final LoadedFleet loaded;
    final FleetPaths paths;
    final SshTransport transport;
    final Renderer renderer;
    final HostLimit limit;
    final Purpose purpose;
    /** host -> reading, inventory order, for every host in a plane */
    final Map<String, HostReading> readings;
    /** host -> facts, reached hosts only (updated when apply generates keys) */
    final Map<String, HostFacts> facts = new LinkedHashMap<>();
    List<HostState> desired;
    /** the public keys the last plan was made with (second-hand ones included, read while the hosts could be asked) */
    PublicKeys keys;
    /** host -> its rendered files, every host in a plane; empty in a {@link Purpose#READ_ONLY} run */
    Map<String, List<RenderedFile>> rendered;
    Plan plan;

    /** What the run is for: a read-only run (plan, drift) needs no rendered file once its host is planned. */
    enum Purpose { READ_ONLY, CHANGE }

    /** --parallel: how many hosts are asked for their texts at once, when every host is */
    private final int parallel;

    FleetRun(LoadedFleet loaded, FleetPaths paths, SshTransport transport, Renderer renderer, HostLimit limit,
             Map<String, HostReading> readings, Purpose purpose, int parallel) {
        this.parallel = parallel;
        this.loaded = loaded;
        this.paths = paths;
        this.transport = transport;
        this.renderer = renderer;
        this.limit = limit;
        this.purpose = purpose;
        this.readings = readings;
        readings.forEach((host, r) -> {
            if (r instanceof HostReading.Reached) facts.put(host, ((HostReading.Reached) r).facts());
        });
    }

    /**
     * Renders with the public keys the hosts have now and plans the hosts inside the limit, each host planned as soon
     * as its files are rendered. A read-only run keeps no rendered files: a 500-host mesh's are 200 MB.
     */
    void replan() throws InvalidInputException {
        keys = new ObservedKeys(loaded.fleet().playbook().planes().values(), facts, this::withAllTexts);
        desired = DesiredState.build(DetectedOs.apply(loaded.fleet(), facts), keys);
        List<HostState> planned = desired.stream().filter(s -> limit.includes(s.host())).toList();
        Map<String, HostFacts> plannedFacts = new LinkedHashMap<>();
        Map<String, String> unreachable = new LinkedHashMap<>();
        for (HostState s : planned) {
            HostReading r = readings.get(s.host().name());
            if (r instanceof HostReading.Reached) plannedFacts.put(s.host().name(), facts.get(s.host().name())); // keys step may have updated them
            else if (r instanceof HostReading.Unreachable) unreachable.put(s.host().name(), ((HostReading.Unreachable) r).reason());
        }
        Map<String, List<Change>> psk = Planner.pskMismatches(plannedFacts, planned);
        List<HostPass> passes = new HostRendering(renderer).eachHost(desired, s -> pass(s, plannedFacts.get(s.host().name()), psk));
        rendered = new LinkedHashMap<>();
        Map<String, HostPlan> reached = new LinkedHashMap<>();
        for (int i = 0; i < desired.size(); i++) {
            String host = desired.get(i).host().name();
            if (purpose == Purpose.CHANGE) rendered.put(host, passes.get(i).files());
            passes.get(i).plan().ifPresent(p -> reached.put(host, p));
        }
        plan = Planner.assemble(Instant.now(), paths.inventory().toString(), paths.playbook().toString(), planned, reached,
                plannedFacts, unreachable);
    }

    /** One host's files (none kept in a read-only run) and, when it is planned and was reached, its plan. */
    private record HostPass(List<RenderedFile> files, Optional<HostPlan> plan) {}

    private HostPass pass(HostState state, HostFacts readFacts, Map<String, List<Change>> psk) throws InvalidInputException {
        String host = state.host().name();
        List<RenderedFile> files = ServiceFilter.installedOnly(renderer.render(state), state, facts.get(host));
        List<RenderedFile> kept = purpose == Purpose.CHANGE ? files : List.of();
        if (readFacts == null) {
            reading(host).ifPresent(ReadingCommand::close); // not planned (outside --limit): nothing to ask it
            return new HostPass(kept, Optional.empty());
        }
        HostFacts plannedFacts;
        try {
            plannedFacts = DigestedFiles.complete(readFacts, files, reading(host));
        } catch (TransportException | FactsException e) {
            return new HostPass(kept, Optional.of(Planner.unreachable(host, e.getMessage())));
        }
        // a run that goes on to change hosts keeps the texts; a read-only one lets them go with the host's plan
        if (plannedFacts != readFacts && purpose == Purpose.CHANGE) {
            synchronized (facts) {
                facts.put(host, plannedFacts);
            }
        }
        HostPlan p = Planner.plan(state, files, plannedFacts).withChanges(psk.getOrDefault(host, List.of()));
        p = withNotes(p, state, plannedFacts);
        return new HostPass(kept, Optional.of(SshPathRefusals.of(loaded.fleet(), state, files, p)));
    }

    Optional<RemoteHost> remote(String host) {
        HostReading r = readings.get(host);
        return r instanceof HostReading.Reached ? Optional.of(((HostReading.Reached) r).remote()) : Optional.empty();
    }

    /** The reading command of {@code host}, when it is still running to be asked (big files' texts, apply's keys). */
    Optional<ReadingCommand> reading(String host) {
        HostReading r = readings.get(host);
        return r instanceof HostReading.Reached ? ((HostReading.Reached) r).asking() : Optional.empty();
    }

    /** Ends the reading commands still waiting for an answer: they stop having changed nothing. */
    void endReadingCommands() {
        for (HostReading r : readings.values()) if (r instanceof HostReading.Reached) ((HostReading.Reached) r).asking().ifPresent(ReadingCommand::close);
    }

    /**
     * Every host's facts with the texts of the files it sent as digests, asked of every host at once: the keys its
     * peers' configs carry are needed for a host that has none of its own (unreachable, or its key file gone). A
     * host that cannot send them keeps its digests, and its configs are not read for keys.
     */
    private Map<String, HostFacts> withAllTexts() {
        List<String> asking = facts.keySet().stream().filter(h -> reading(h).map(ReadingCommand::awaitsTexts).orElse(false)).toList();
        ParallelHosts.map(parallel, asking, host -> {
            try {
                HostFacts whole = DigestedFiles.withAllTexts(facts.get(host), reading(host).orElseThrow());
                synchronized (facts) {
                    facts.put(host, whole);
                }
            } catch (TransportException | FactsException e) {
                // its configs stay unread for keys; its own plan then reports why its texts could not be read
            }
            return null;
        });
        return facts;
    }

    Optional<HostState> desired(String host) {
        return desired.stream().filter(s -> s.host().name().equals(host)).findFirst();
    }

    private HostPlan withNotes(HostPlan p, HostState d, HostFacts f) {
        List<String> notes = new java.util.ArrayList<>(ServiceFilter.notes(d, f));
        List<String> packages = PackageInstall.missing(d, f);
        if (!packages.isEmpty()) notes.add(PackageInstall.note(packages));
        notes.addAll(KeyAgeNotes.of(d, f, loaded.fleet().playbook().keyMaxAge(), paths.inventory().toString(), paths.playbook().toString()));
        notes.addAll(ConfirmNotes.of(f));
        if (notes.isEmpty()) return p;
        List<String> all = new java.util.ArrayList<>(p.notes());
        all.addAll(notes);
        return new HostPlan(p.host(), p.unreachable(), p.changes(), p.factsFingerprint(), all);
    }

    @Override
    public void close() {
        endReadingCommands();
        for (HostReading r : readings.values()) if (r instanceof HostReading.Reached) ((HostReading.Reached) r).remote().close();
        transport.close();
    }
}
