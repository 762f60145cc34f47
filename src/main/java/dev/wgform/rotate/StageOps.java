package dev.wgform.rotate;

import dev.wgform.apply.RotationOp;
import dev.wgform.crypto.Secret;
import dev.wgform.desired.Peer;
import dev.wgform.model.AddressText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * What each stage runs on each host for one batch of rotating hosts: pure, from the plane's members, the journal and
 * the public keys the other members use now. Rotating host R, peer X (which may be rotating in the same batch):
 * <ul>
 *   <li>prepare: R makes {@code key.next};</li>
 *   <li>distribute: X stages an entry for R's new key with no AllowedIPs (and, with PSK rotation, both write the pair's
 *       next PSK);</li>
 *   <li>swap: R promotes {@code key.next} (keeping {@code key.prev}) and takes it live; X moves R's AllowedIPs onto the
 *       new entry and removes the old one, in one {@code wg set};</li>
 *   <li>verify: R waits for fresh handshakes with each X, and each X pings R's plane address;</li>
 *   <li>commit removes the {@code .prev} files; rollback puts them back and restores X's old entry; abort (before the
 *       swap) removes what prepare and distribute added.</li>
 * </ul>
 */
public final class StageOps {
    private final PlaneMembers members;
    private final RotationJournal journal;
    /** host -> the public key it uses now, for members outside the journal or not yet swapped */
    private final Map<String, String> currentKeys;

    public StageOps(PlaneMembers members, RotationJournal journal, Map<String, String> currentKeys) {
        this.members = members;
        this.journal = journal;
        this.currentKeys = Map.copyOf(currentKeys);
    }

    public Map<String, List<RotationOp>> prepare(List<HostRotation> batch, boolean fresh) {
        OpsByHost ops = new OpsByHost();
        for (HostRotation r : batch) {
            ops.add(r.host(), new RotationOp.Prepare(iface(r.host()), keyPath(r.host()), fresh));
        }
        return ops.toMap();
    }

    /** @param psks the pair's next PSK, asked for as (R, X); must give the same secret for (X, R) */
    public Map<String, List<RotationOp>> distribute(List<HostRotation> batch, BiFunction<String, String, Secret> psks) {
        OpsByHost ops = new OpsByHost();
        for (HostRotation r : batch) {
            for (String x : members.peersOf(r.host())) {
                Peer onX = entry(x, r.host());
                String stagedPsk = onX.pskPath().map(p -> journal.rotatePsk() ? p + ".next" : p).orElse("");
                if (journal.rotatePsk()) {
                    Secret psk = psks.apply(r.host(), x);
                    ops.add(x, new RotationOp.PushNextPsk(pskPath(onX), psk));
                    ops.add(r.host(), new RotationOp.PushNextPsk(pskPath(entry(r.host(), x)), psk));
                }
                ops.add(x, new RotationOp.Stage(iface(x), newKey(r), onX.endpoint().orElse(""), stagedPsk));
            }
        }
        return ops.toMap();
    }

    public Map<String, List<RotationOp>> swap(List<HostRotation> batch) {
        OpsByHost ops = new OpsByHost();
        Set<String> rotating = hostsOf(batch);
        for (HostRotation r : batch) { // each rotating host switches first, then peers move: in one script per host
            ops.add(r.host(), new RotationOp.Promote(keyPath(r.host())));
            ops.add(r.host(), new RotationOp.LiveKey(iface(r.host()), keyPath(r.host())));
            if (!journal.rotatePsk()) continue;
            for (String x : members.peersOf(r.host())) {
                String path = pskPath(entry(r.host(), x));
                String xKey = rotating.contains(x) ? newKey(journal.host(x).orElseThrow()) : current(x);
                ops.add(r.host(), new RotationOp.Promote(path));
                ops.add(r.host(), new RotationOp.LivePsk(iface(r.host()), xKey, path));
            }
        }
        for (HostRotation r : batch) {
            for (String x : members.peersOf(r.host())) {
                Peer onX = entry(x, r.host());
                if (journal.rotatePsk()) ops.add(x, new RotationOp.Promote(pskPath(onX)));
                ops.add(x, new RotationOp.Move(iface(x), newKey(r), oldKey(r), cidrs(onX), onX.keepalive().orElse(0)));
            }
        }
        return ops.toMap();
    }

    /** @param timeoutSeconds how long each host waits for its handshakes, and each peer for its pings */
    public Map<String, List<RotationOp>> verify(List<HostRotation> batch, int timeoutSeconds) {
        OpsByHost ops = new OpsByHost();
        Set<String> rotating = hostsOf(batch);
        for (HostRotation r : batch) {
            List<RotationOp.Probe> probes = new ArrayList<>();
            for (String x : members.peersOf(r.host())) {
                String xKey = rotating.contains(x) ? newKey(journal.host(x).orElseThrow()) : current(x);
                probes.add(new RotationOp.Probe(xKey, members.address(x)));
            }
            long since = r.swappedAt().orElseThrow(() -> new IllegalStateException(r.host() + " has no swap time"));
            ops.add(r.host(), new RotationOp.AwaitHandshakes(iface(r.host()), since, timeoutSeconds, probes));
        }
        for (HostRotation r : batch) {
            for (String x : members.peersOf(r.host())) ops.add(x, new RotationOp.Ping(members.address(r.host()), timeoutSeconds));
        }
        return ops.toMap();
    }

    public Map<String, List<RotationOp>> commit(List<HostRotation> batch) {
        OpsByHost ops = new OpsByHost();
        for (HostRotation r : batch) {
            ops.add(r.host(), new RotationOp.Drop(keyPath(r.host()) + ".prev"));
            if (!journal.rotatePsk()) continue;
            for (String x : members.peersOf(r.host())) {
                ops.add(r.host(), new RotationOp.Drop(pskPath(entry(r.host(), x)) + ".prev"));
                ops.add(x, new RotationOp.Drop(pskPath(entry(x, r.host())) + ".prev"));
            }
        }
        return ops.toMap();
    }

    /**
     * Puts {@code failed} (swapped hosts of {@code batch}) back on their old keys; the rest of the batch keeps its new
     * keys.
     */
    public Map<String, List<RotationOp>> rollback(List<HostRotation> batch, List<HostRotation> failed) {
        OpsByHost ops = new OpsByHost();
        Set<String> back = hostsOf(failed);
        Set<String> rotating = hostsOf(batch);
        for (HostRotation r : failed) {
            ops.add(r.host(), new RotationOp.Demote(keyPath(r.host())));
            ops.add(r.host(), new RotationOp.LiveKey(iface(r.host()), keyPath(r.host())));
            if (!journal.rotatePsk()) continue;
            for (String x : members.peersOf(r.host())) {
                String path = pskPath(entry(r.host(), x));
                String xKey = rotating.contains(x) && !back.contains(x) ? newKey(journal.host(x).orElseThrow())
                        : rotating.contains(x) ? oldKey(journal.host(x).orElseThrow()) : current(x);
                ops.add(r.host(), new RotationOp.Demote(path));
                ops.add(r.host(), new RotationOp.LivePsk(iface(r.host()), xKey, path));
            }
        }
        for (HostRotation r : failed) {
            for (String x : members.peersOf(r.host())) {
                Peer onX = entry(x, r.host());
                if (journal.rotatePsk()) ops.add(x, new RotationOp.Demote(pskPath(onX)));
                ops.add(x, new RotationOp.Restore(iface(x), oldKey(r), newKey(r), cidrs(onX), onX.endpoint().orElse(""),
                        onX.keepalive().orElse(0), onX.pskPath().orElse("")));
            }
        }
        return ops.toMap();
    }

    /** Undoes prepare and distribute for hosts that never swapped: their old key was never out of use. */
    public Map<String, List<RotationOp>> abort(List<HostRotation> batch) {
        OpsByHost ops = new OpsByHost();
        for (HostRotation r : batch) {
            ops.add(r.host(), new RotationOp.Drop(keyPath(r.host()) + ".next"));
            for (String x : members.peersOf(r.host())) {
                if (r.newKey().isPresent()) ops.add(x, new RotationOp.Unstage(iface(x), r.newKey().get()));
                if (!journal.rotatePsk()) continue;
                ops.add(r.host(), new RotationOp.Drop(pskPath(entry(r.host(), x)) + ".next"));
                ops.add(x, new RotationOp.Drop(pskPath(entry(x, r.host())) + ".next"));
            }
        }
        return ops.toMap();
    }

    private String iface(String host) {
        return members.iface(host).name();
    }

    private String keyPath(String host) {
        return members.iface(host).privateKeyPath();
    }

    private Peer entry(String on, String forHost) {
        return members.entry(on, forHost).orElseThrow(() -> new IllegalStateException(on + " has no peer entry for " + forHost));
    }

    private static String pskPath(Peer p) {
        return p.pskPath().orElseThrow(() -> new IllegalStateException("plane has no PSKs to rotate (psk: true is not set)"));
    }

    private String current(String host) {
        String k = currentKeys.get(host);
        if (k == null) throw new IllegalStateException("the public key of " + host + " is not known");
        return k;
    }

    private static String newKey(HostRotation r) {
        return r.newKey().orElseThrow(() -> new IllegalStateException(r.host() + " has no new key yet"));
    }

    private static String oldKey(HostRotation r) {
        return r.oldKey().orElseThrow(() -> new IllegalStateException(r.host() + " has no old key recorded"));
    }

    private static List<String> cidrs(Peer p) {
        return p.allowedIps().stream().map(AddressText::of).toList();
    }

    private static Set<String> hostsOf(List<HostRotation> rs) {
        Set<String> out = new LinkedHashSet<>();
        rs.forEach(r -> out.add(r.host()));
        return out;
    }
}
