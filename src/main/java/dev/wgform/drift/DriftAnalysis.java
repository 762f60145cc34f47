package dev.wgform.drift;

import dev.wgform.desired.HostState;
import dev.wgform.desired.Peer;
import dev.wgform.desired.PeerKey;
import dev.wgform.desired.WgInterface;
import dev.wgform.facts.HostFacts;
import dev.wgform.facts.LiveInterface;
import dev.wgform.facts.LivePeer;
import dev.wgform.plan.Action;
import dev.wgform.plan.Change;
import dev.wgform.plan.Effect;
import dev.wgform.plan.HostPlan;
import dev.wgform.plan.Plan;
import dev.wgform.plan.ResourceType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads drift out of a plan: every change the plan would make is a place where the host differs from the
 * playbook, so drift detection and planning can never disagree. Adds what a plan does not act on (key age) and the
 * live health of every peer. Pure: the facts and the plan come from one read-only pass.
 */
public final class DriftAnalysis {
    private DriftAnalysis() {}

    /**
     * @param plan          the plan for every host of the run
     * @param desired       every host's desired state (for planes and peers' names)
     * @param facts         reached hosts' facts, by host
     * @param planes        the playbook's planes, in order
     * @param keyMaxAge     keys older than this are drift (none: key age is only reported)
     * @param staleAfter    a kept-alive peer whose handshake is older is stale
     * @param unreachableOk an unreachable host is not drift (it is still reported)
     * @param nowEpoch      the workstation's clock
     */
    public static DriftReport analyse(Plan plan, List<HostState> desired, Map<String, HostFacts> facts, List<String> planes,
                                      Optional<Duration> keyMaxAge, Duration staleAfter, boolean unreachableOk, long nowEpoch) {
        List<HostStatus> hosts = new ArrayList<>();
        List<DriftItem> items = new ArrayList<>();
        for (HostPlan hp : plan.hosts()) {
            hosts.add(new HostStatus(hp.host(), hp.isReachable(), hp.unreachable().orElse("")));
            if (!hp.isReachable()) {
                if (!unreachableOk) items.add(item(hp.host(), DriftKind.UNREACHABLE, "", hp.unreachable().get(), List.of()));
                continue;
            }
            for (Change c : hp.changes()) if (c.changes()) itemOf(hp.host(), c).ifPresent(items::add);
        }

        Map<String, String> hostByKey = new HashMap<>();
        facts.forEach((host, f) -> f.keys().values().forEach(k -> {
            if (k.publicKeyKnown()) hostByKey.put(k.interfaceName() + " " + k.publicKey(), host);
        }));
        List<PeerHealth> peers = new ArrayList<>();
        List<KeyAge> keyAges = new ArrayList<>();
        for (String plane : planes) {
            for (HostState d : desired) {
                HostFacts f = facts.get(d.host().name());
                if (f == null) continue;
                for (WgInterface i : d.interfaces()) {
                    if (!i.plane().equals(plane)) continue;
                    LiveInterface live = f.interfaces().get(i.name());
                    if (live != null) {
                        for (LivePeer p : live.peers()) peers.add(health(plane, d.host().name(), i, p, f, hostByKey, staleAfter));
                    }
                    Optional<KeyAge> age = KeyAge.of(d.host().name(), i, f);
                    if (age.isPresent()) {
                        keyAges.add(age.get());
                        if (age.get().olderThan(keyMaxAge)) {
                            items.add(item(d.host().name(), DriftKind.KEY_AGE, plane, age.get().tooOld(i.name(), keyMaxAge.get()), List.of()));
                        }
                    }
                }
            }
        }
        List<String> order = plan.hosts().stream().map(HostPlan::host).toList();
        items.sort(java.util.Comparator.comparingInt((DriftItem it) -> order.indexOf(it.host())));
        return new DriftReport(nowEpoch, staleAfter.toSeconds(), planes, hosts, items, peers, keyAges);
    }

    /** The plan's change as drift; empty for bookkeeping (the manifest follows the files it lists). */
    static Optional<DriftItem> itemOf(String host, Change c) {
        List<String> details = c.details();
        switch (c.type()) {
            case MANIFEST:
                return Optional.empty();
            case PRIVATE_KEY:
                if (tightens(c)) return Optional.of(item(host, DriftKind.KEY, c.name(), "private key file's mode was loosened", details));
                return Optional.of(item(host, DriftKind.KEY, c.name(), "private key is missing", details));
            case PRESHARED_KEY:
                if (tightens(c)) return Optional.of(item(host, DriftKind.PSK, c.name(), "PSK file's mode was loosened", details));
                return Optional.of(item(host, DriftKind.PSK, c.name(), c.action() == Action.CREATE ? "missing" : "differs between the peers", details));
            case INTERFACE:
                if (details.stream().anyMatch(d -> d.startsWith("live:"))) {
                    return Optional.of(item(host, DriftKind.PEERS, c.name(), "running interface differs from its config", details));
                }
                if (c.action() == Action.DELETE) return Optional.of(item(host, DriftKind.INTERFACE, c.name(), "running, but no longer wanted", details));
                return Optional.of(item(host, DriftKind.INTERFACE, c.name(), "down", details));
            default:
                break;
        }
        String diff = c.file().map(f -> f.diff()).orElse("");
        if (!diff.isEmpty() || c.action() != Action.UPDATE) {
            String summary = c.action() == Action.CREATE ? "missing" : c.action() == Action.DELETE ? "left over, no longer wanted"
                    : diff.isEmpty() ? "mode or owner differs" : "differs from the playbook (edited by hand?)";
            return Optional.of(new DriftItem(host, DriftKind.FILE, c.name(), summary, details, diff.isEmpty() ? Optional.empty() : Optional.of(diff)));
        }
        // the file is as rendered; what runs from it is not
        if (c.type() == ResourceType.FIREWALL) return Optional.of(item(host, DriftKind.FIREWALL, c.name(), firstOr(details, "live table differs"), rest(details)));
        if (c.type() == ResourceType.SERVICE_CONFIG) return Optional.of(item(host, DriftKind.SERVICE, c.name(), firstOr(details, "service differs"), rest(details)));
        boolean down = c.effects().stream().anyMatch(e -> e instanceof Effect.UpInterface);
        return Optional.of(item(host, down ? DriftKind.INTERFACE : DriftKind.FILE, c.name(), down ? "down" : firstOr(details, "differs"), details));
    }

    private static boolean tightens(Change c) {
        return c.effects().stream().anyMatch(e -> e instanceof Effect.TightenMode);
    }

    private static PeerHealth health(String plane, String host, WgInterface i, LivePeer p, HostFacts f,
                                     Map<String, String> hostByKey, Duration staleAfter) {
        String name = hostByKey.getOrDefault(i.name() + " " + p.publicKey(), configuredName(i, p.publicKey()));
        OptionalLong age = f.secondsSinceHandshake(p);
        boolean keepalive = p.keepalive().isPresent();
        boolean stale = keepalive && (age.isEmpty() || age.getAsLong() > staleAfter.toSeconds());
        return new PeerHealth(plane, host, name, age, p.rxBytes(), p.txBytes(), p.endpoint(), keepalive, stale);
    }

    /** A peer's name from the host's desired peers when its key is known there, else its key shortened. */
    private static String configuredName(WgInterface i, String publicKey) {
        for (Peer peer : i.peers()) {
            if (peer.key() instanceof PeerKey.Known && ((PeerKey.Known) peer.key()).publicKey().equals(publicKey)) return peer.host();
        }
        return publicKey.length() > 8 ? publicKey.substring(0, 8) + "…" : publicKey;
    }

    private static DriftItem item(String host, DriftKind kind, String resource, String summary, List<String> details) {
        return new DriftItem(host, kind, resource, summary, details, Optional.empty());
    }

    private static String firstOr(List<String> lines, String fallback) {
        return lines.isEmpty() ? fallback : lines.get(0);
    }

    private static List<String> rest(List<String> lines) {
        return lines.size() <= 1 ? List.of() : lines.subList(1, lines.size());
    }
}
