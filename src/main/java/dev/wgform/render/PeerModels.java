package dev.wgform.render;

import dev.wgform.desired.Peer;
import freemarker.template.TemplateModel;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Template models of peers, shared across hosts: in a mesh each member appears, identical, in every other
 * member's config, so a 1000-host mesh needs about 1000 peer models rather than a million. Only models whose
 * values passed their checks are kept, so every host still reports a bad value it would print. Thread-safe.
 * A mesh's desired state shares one {@link Peer} instance among the members that see it, so the first lookup is by
 * identity: a record's hash and equals walk every field (its allowed IPs among them) each time, a million times for
 * a 500-host mesh; equal peers that are not the same instance (a hub as each spoke sees it) are found by value.
 */
final class PeerModels {
    /** Far above any fleet's distinct peers; only a renderer reused across many fleets would reach it. */
    private static final int MAX_ENTRIES = 100_000;

    private final ConcurrentHashMap<Instance, TemplateModel> byInstance = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Peer, TemplateModel> byValue = new ConcurrentHashMap<>();

    TemplateModel get(Peer peer) {
        TemplateModel m = byInstance.get(new Instance(peer));
        return m != null ? m : byValue.get(peer);
    }

    void keep(Peer peer, TemplateModel model) {
        if (byValue.size() >= MAX_ENTRIES || byInstance.size() >= MAX_ENTRIES) {
            byValue.clear();
            byInstance.clear();
        }
        byValue.put(peer, model);
        byInstance.put(new Instance(peer), model);
    }

    /** A peer as a key by identity. */
    private record Instance(Peer peer) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Instance && ((Instance) o).peer == peer;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(peer);
        }
    }
}
