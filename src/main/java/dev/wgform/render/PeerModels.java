package dev.wgform.render;

import dev.wgform.desired.Peer;
import freemarker.template.TemplateModel;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Template models of peers, shared across hosts: in a mesh each member appears, identical, in every other
 * member's config, so a 1000-host mesh needs about 1000 peer models rather than a million. Only models whose
 * values passed their checks are kept, so every host still reports a bad value it would print. Thread-safe.
 */
final class PeerModels {
    /** Far above any fleet's distinct peers; only a renderer reused across many fleets would reach it. */
    private static final int MAX_ENTRIES = 100_000;

    private final ConcurrentHashMap<Peer, TemplateModel> models = new ConcurrentHashMap<>();

    TemplateModel get(Peer peer) {
        return models.get(peer);
    }

    void keep(Peer peer, TemplateModel model) {
        if (models.size() >= MAX_ENTRIES) models.clear();
        models.put(peer, model);
    }
}
