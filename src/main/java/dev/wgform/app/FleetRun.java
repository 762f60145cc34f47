package dev.wgform.app;

import dev.wgform.desired.DesiredState;
import dev.wgform.desired.HostState;
import dev.wgform.desired.PublicKeys;
import dev.wgform.drift.KeyAgeNotes;
import dev.wgform.facts.HostFacts;
import dev.wgform.inventory.LoadedFleet;
import dev.wgform.model.InvalidInputException;
import dev.wgform.plan.HostPlan;
import dev.wgform.plan.Plan;
import dev.wgform.planner.Planner;
import dev.wgform.render.RenderedFile;
import dev.wgform.render.Renderer;
import dev.wgform.transport.RemoteHost;
import dev.wgform.transport.SshTransport;
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
    /** host -> reading, inventory order, for every host in a plane */
    final Map<String, HostReading> readings;
    /** host -> facts, reached hosts only (updated when apply generates keys) */
    final Map<String, HostFacts> facts = new LinkedHashMap<>();
    List<HostState> desired;
    Map<String, List<RenderedFile>> rendered;
    Plan plan;

    FleetRun(LoadedFleet loaded, FleetPaths paths, SshTransport transport, Renderer renderer, HostLimit limit,
             Map<String, HostReading> readings) {
        this.loaded = loaded;
        this.paths = paths;
        this.transport = transport;
        this.renderer = renderer;
        this.limit = limit;
        this.readings = readings;
        readings.forEach((host, r) -> {
            if (r instanceof HostReading.Reached) facts.put(host, ((HostReading.Reached) r).facts());
        });
    }

    /** Renders with the public keys the hosts have now and plans the hosts inside the limit. */
    void replan() throws InvalidInputException {
        PublicKeys keys = new ObservedKeys(loaded.fleet().playbook().planes().values(), facts);
        desired = DesiredState.build(DetectedOs.apply(loaded.fleet(), facts), keys);
        List<List<RenderedFile>> files = new HostRendering(renderer).renderAll(desired);
        rendered = new LinkedHashMap<>();
        for (int i = 0; i < desired.size(); i++) {
            String host = desired.get(i).host().name();
            rendered.put(host, ServiceFilter.installedOnly(files.get(i), desired.get(i), facts.get(host)));
        }
        List<HostState> planned = desired.stream().filter(s -> limit.includes(s.host())).toList();
        Map<String, HostFacts> plannedFacts = new LinkedHashMap<>();
        Map<String, String> unreachable = new LinkedHashMap<>();
        for (HostState s : planned) {
            HostReading r = readings.get(s.host().name());
            if (r instanceof HostReading.Reached) plannedFacts.put(s.host().name(), facts.get(s.host().name())); // keys step may have updated them
            else if (r instanceof HostReading.Unreachable) unreachable.put(s.host().name(), ((HostReading.Unreachable) r).reason());
        }
        plan = Planner.plan(Instant.now(), paths.inventory().toString(), paths.playbook().toString(), planned, rendered,
                plannedFacts, unreachable);
        plan = new Plan(plan.formatVersion(), plan.createdAt(), plan.inventory(), plan.playbook(),
                plan.hosts().stream().map(this::withNotes).map(this::withRefusals).toList());
    }

    /** The SSH path guard's refusals, for the hosts that were reached and planned. */
    private HostPlan withRefusals(HostPlan p) {
        Optional<HostState> d = desired(p.host());
        if (d.isEmpty()) return p;
        return SshPathRefusals.of(loaded.fleet(), d.get(), rendered.getOrDefault(p.host(), List.of()), p);
    }

    Optional<RemoteHost> remote(String host) {
        HostReading r = readings.get(host);
        return r instanceof HostReading.Reached ? Optional.of(((HostReading.Reached) r).remote()) : Optional.empty();
    }

    Optional<HostState> desired(String host) {
        return desired.stream().filter(s -> s.host().name().equals(host)).findFirst();
    }

    private HostPlan withNotes(HostPlan p) {
        Optional<HostState> d = desired(p.host());
        HostFacts f = facts.get(p.host());
        if (d.isEmpty() || f == null) return p;
        List<String> notes = new java.util.ArrayList<>(ServiceFilter.notes(d.get(), f));
        List<String> packages = PackageInstall.missing(d.get(), f);
        if (!packages.isEmpty()) notes.add(PackageInstall.note(packages));
        notes.addAll(KeyAgeNotes.of(d.get(), f, loaded.fleet().playbook().keyMaxAge(), paths.inventory().toString(), paths.playbook().toString()));
        notes.addAll(ConfirmNotes.of(f));
        if (notes.isEmpty()) return p;
        List<String> all = new java.util.ArrayList<>(p.notes());
        all.addAll(notes);
        return new HostPlan(p.host(), p.unreachable(), p.changes(), p.factsFingerprint(), all);
    }

    @Override
    public void close() {
        for (HostReading r : readings.values()) if (r instanceof HostReading.Reached) ((HostReading.Reached) r).remote().close();
        transport.close();
    }
}
