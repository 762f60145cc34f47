package dev.wgform.app;

import dev.wgform.apply.PskPush;
import dev.wgform.desired.HostState;
import dev.wgform.model.InvalidInputException;
import dev.wgform.plan.Action;
import dev.wgform.plan.Change;
import dev.wgform.plan.Effect;
import dev.wgform.plan.FileChange;
import dev.wgform.plan.HostPlan;
import dev.wgform.plan.Plan;
import dev.wgform.plan.ResourceType;
import dev.wgform.render.RenderedFile;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * After a rotation's live steps: the plane's files made to say what the interfaces now do. A fresh read and plan of
 * the fleet, narrowed to the plane (its wg-quick configs, interface state and PSKs), then the normal install step on
 * each host that needs it. Hosts whose key changed also get their config written again even though its redacted
 * text is the same: the install step fills the PrivateKey (and PresharedKey) lines from the key files, and those
 * are what changed.
 */
final class PlaneReconcile {
    private PlaneReconcile() {}

    /**
     * @param refill hosts whose config must be written again for its secrets
     * @return host -> why it failed, for the plane's members that could not be read or installed
     */
    static Map<String, String> run(RunOptions options, String plane, Set<String> refill, Progress progress) throws InvalidInputException {
        Map<String, String> failures = new LinkedHashMap<>();
        try (FleetRun run = FleetReader.read(options, Progress.silent())) {
            List<HostPlan> narrowed = new ArrayList<>();
            for (HostPlan h : run.plan.hosts()) {
                Optional<String> iface = run.desired(h.host()).flatMap(s -> ifaceOn(s, plane));
                if (iface.isEmpty()) continue;
                if (!h.isReachable()) {
                    failures.put(h.host(), h.unreachable().get());
                    continue;
                }
                narrowed.add(narrow(h, iface.get(), refill.contains(h.host()), run.rendered.get(h.host())));
            }
            Plan plan = new Plan(run.plan.formatVersion(), run.plan.createdAt(), run.plan.inventory(), run.plan.playbook(), narrowed);
            Map<String, List<PskPush>> psks = PskAssignment.forPlan(plan, run.facts.keySet(), run.desired);
            String runId = "rotate-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
            try {
                List<ApplyReport.HostOutcome> outcomes = ParallelHosts.map(options.parallel(), narrowed,
                        h -> ApplyService.install(run, h, runId, psks.getOrDefault(h.host(), List.of()), null, progress));
                for (ApplyReport.HostOutcome o : outcomes) {
                    if (o.status() == ApplyReport.Status.FAILED || o.status() == ApplyReport.Status.UNREACHABLE) failures.put(o.host(), o.detail());
                }
            } finally {
                psks.values().forEach(list -> list.forEach(p -> p.psk().destroy()));
            }
        }
        return failures;
    }

    private static Optional<String> ifaceOn(HostState s, String plane) {
        return s.interfaces().stream().filter(i -> i.plane().equals(plane)).map(i -> i.name()).findFirst();
    }

    /** Only the plane's changes; for a refilled host its config is written and synced even when its text is unchanged. */
    static HostPlan narrow(HostPlan h, String iface, boolean refill, List<RenderedFile> rendered) {
        String conf = "/etc/wireguard/" + iface + ".conf";
        List<Change> kept = new ArrayList<>();
        for (Change c : h.changes()) {
            boolean ours = (c.type() == ResourceType.WG_CONFIG && c.name().equals(conf))
                    || (c.type() == ResourceType.INTERFACE && c.name().equals(iface))
                    || (c.type() == ResourceType.PRESHARED_KEY && c.name().startsWith("psk " + iface + " "))
                    || (c.type() == ResourceType.PRIVATE_KEY && c.name().equals(iface));
            if (!ours) continue;
            if (refill && c.type() == ResourceType.WG_CONFIG && c.action() == Action.NOOP) kept.add(refilled(c, iface, rendered));
            else kept.add(c);
        }
        return new HostPlan(h.host(), h.unreachable(), kept, h.factsFingerprint(), List.of());
    }

    private static Change refilled(Change noop, String iface, List<RenderedFile> rendered) {
        FileChange f = noop.file().orElseThrow();
        RenderedFile file = rendered.stream().filter(r -> r.path().equals(f.path())).findFirst()
                .orElseThrow(() -> new IllegalStateException(f.path() + " was not rendered"));
        FileChange write = new FileChange(f.path(), f.mode(), f.kind(), f.oldSha256(), f.newSha256(), file.content(), "");
        return new Change(ResourceType.WG_CONFIG, noop.name(), Action.UPDATE, Optional.of(write), List.of(new Effect.LiveSync(iface)),
                List.of("private key and PSKs filled in again from the key files after a key rotation"));
    }
}
