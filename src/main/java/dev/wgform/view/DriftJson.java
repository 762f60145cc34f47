package dev.wgform.view;

import dev.wgform.drift.DriftItem;
import dev.wgform.drift.DriftReport;
import dev.wgform.drift.HostStatus;
import dev.wgform.drift.KeyAge;
import dev.wgform.drift.PeerHealth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code wgform drift --json} and {@code wgform status --json}: the report as one JSON object, keys in this order.
 * Never a secret in it: diffs arrive redacted ({{wgform-secret}}).
 *
 * <pre>
 * {
 *   "version": 1,                         // DriftReport.SCHEMA_VERSION; bumped when a field changes meaning
 *   "timestamp": 1735787045,              // when the pass ran, seconds since the epoch (workstation clock)
 *   "stale_after_seconds": 180,
 *   "drift": true,                        // "items" is not empty
 *   "hosts": [{"host": "lab-3", "reachable": false, "failure": "connection refused"}],   // inventory order;
 *                                         // failure is null for a reachable host
 *   "items": [{"host": "lab-1", "kind": "file", "resource": "/etc/wireguard/wg-mgmt.conf",
 *              "summary": "edited by hand", "details": [], "diff": "--- ...\n+++ ...\n@@ ..."}],   // diff or null
 *   "peers": [{"plane": "mgmt", "host": "lab-1", "peer": "lab-2", "handshake_age_seconds": 12,   // null: never
 *              "rx_bytes": 1234, "tx_bytes": 5678, "endpoint": "198.51.100.2:51820",          // or null
 *              "keepalive": true, "stale": false}],
 *   "key_ages": [{"plane": "mgmt", "host": "lab-1", "age_seconds": 259200}]
 * }
 * </pre>
 */
public final class DriftJson {
    private DriftJson() {}

    /** The report as JSON, two-space indented, without a trailing newline. */
    public static String render(DriftReport r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", DriftReport.SCHEMA_VERSION);
        doc.put("timestamp", r.timestampEpoch());
        doc.put("stale_after_seconds", r.staleAfterSeconds());
        doc.put("drift", r.hasDrift());
        List<Object> hosts = new ArrayList<>();
        for (HostStatus h : r.hosts()) hosts.add(host(h));
        doc.put("hosts", hosts);
        List<Object> items = new ArrayList<>();
        for (DriftItem i : r.items()) items.add(item(i));
        doc.put("items", items);
        List<Object> peers = new ArrayList<>();
        for (PeerHealth p : r.peers()) peers.add(peer(p));
        doc.put("peers", peers);
        List<Object> keyAges = new ArrayList<>();
        for (KeyAge k : r.keyAges()) keyAges.add(keyAge(k));
        doc.put("key_ages", keyAges);
        return Json.write(doc);
    }

    private static Map<String, Object> host(HostStatus h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", h.host());
        m.put("reachable", h.reachable());
        m.put("failure", h.failure().isEmpty() ? Optional.empty() : Optional.of(h.failure()));
        return m;
    }

    private static Map<String, Object> item(DriftItem i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", i.host());
        m.put("kind", i.kind().jsonName());
        m.put("resource", i.resource());
        m.put("summary", i.summary());
        m.put("details", i.details());
        m.put("diff", i.diff());
        return m;
    }

    private static Map<String, Object> peer(PeerHealth p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plane", p.plane());
        m.put("host", p.host());
        m.put("peer", p.peer());
        m.put("handshake_age_seconds", p.handshakeAgeSeconds().isPresent()
                ? Optional.of(p.handshakeAgeSeconds().getAsLong()) : Optional.empty());
        m.put("rx_bytes", p.rxBytes());
        m.put("tx_bytes", p.txBytes());
        m.put("endpoint", p.endpoint());
        m.put("keepalive", p.keepalive());
        m.put("stale", p.stale());
        return m;
    }

    private static Map<String, Object> keyAge(KeyAge k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plane", k.plane());
        m.put("host", k.host());
        m.put("age_seconds", k.ageSeconds());
        return m;
    }
}
