package dev.wgform.rotate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The record of one rotation of a plane, kept beside the inventory as {@code .wgform/rotation-<plane>-<time>.json}
 * and rewritten after every stage, so {@code wgform rotate --resume} carries on from it. Holds public keys only.
 *
 * @param plane     the plane whose keys rotate
 * @param iface     its interface name on every member
 * @param rotatePsk whether the PSKs of the rotating hosts' pairs rotate too
 * @param started   when the rotation began
 * @param hosts     the rotating hosts, in the order they rotate
 */
public record RotationJournal(int formatVersion, String plane, String iface, boolean rotatePsk, Instant started,
                              List<HostRotation> hosts) {
    public static final int CURRENT_VERSION = 1;

    public RotationJournal {
        if (formatVersion != CURRENT_VERSION) throw new IllegalArgumentException("unsupported journal format " + formatVersion);
        if (plane == null || iface == null || started == null) throw new IllegalArgumentException("plane, interface and start are required");
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) throw new IllegalArgumentException("a rotation has at least one host");
        Set<String> seen = new HashSet<>();
        for (HostRotation h : hosts) if (!seen.add(h.host())) throw new IllegalArgumentException(h.host() + " is listed twice");
    }

    /** A new rotation: {@code hosts} in order, {@code batchSize} at a time. */
    public static RotationJournal start(String plane, String iface, boolean rotatePsk, Instant now, List<String> hosts, int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1");
        List<HostRotation> entries = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) entries.add(HostRotation.pending(hosts.get(i), i / batchSize));
        return new RotationJournal(CURRENT_VERSION, plane, iface, rotatePsk, now, entries);
    }

    /** Every host reached an end (committed, rolled back, aborted or skipped). */
    public boolean finished() {
        return hosts.stream().allMatch(h -> h.stage().isFinal());
    }

    /** Every host committed. */
    public boolean succeeded() {
        return hosts.stream().allMatch(h -> h.stage() == Stage.COMMITTED);
    }

    /** Batch numbers in order. */
    public List<Integer> batches() {
        TreeSet<Integer> all = new TreeSet<>();
        hosts.forEach(h -> all.add(h.batch()));
        return List.copyOf(all);
    }

    public List<HostRotation> batch(int n) {
        return hosts.stream().filter(h -> h.batch() == n).toList();
    }

    public Optional<HostRotation> host(String name) {
        return hosts.stream().filter(h -> h.host().equals(name)).findFirst();
    }

    /** This journal with {@code changed} entries in place of those of the same hosts. */
    public RotationJournal with(List<HostRotation> changed) {
        List<HostRotation> out = new ArrayList<>(hosts.size());
        for (HostRotation h : hosts) {
            HostRotation c = changed.stream().filter(x -> x.host().equals(h.host())).findFirst().orElse(h);
            out.add(c);
        }
        return new RotationJournal(formatVersion, plane, iface, rotatePsk, started, out);
    }
}
