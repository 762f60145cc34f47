package dev.wgform.view;

import dev.wgform.drift.DriftItem;
import dev.wgform.drift.DriftKind;
import dev.wgform.drift.DriftReport;
import dev.wgform.drift.HostStatus;
import dev.wgform.drift.KeyAge;
import dev.wgform.drift.PeerHealth;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code wgform drift --prometheus FILE}: the report for node_exporter's textfile collector, every metric a gauge:
 * <ul>
 *   <li>{@code wgform_last_run_timestamp_seconds} when the pass ran</li>
 *   <li>{@code wgform_host_reachable{host}} 1 or 0, every host</li>
 *   <li>{@code wgform_host_drift_resources{host}} resources that drifted, every host, 0 included (not
 *       {@code wgform_drift_resources_total}: {@code _total} is for counters, and promtool refuses it on a gauge)</li>
 *   <li>{@code wgform_drift_resources{host,kind}} the same by kind, only for kinds that drifted</li>
 *   <li>{@code wgform_peer_handshake_age_seconds{plane,host,peer}} by the host's clock; no series for a peer that
 *       never had a handshake (a NaN would defeat {@code > threshold} alerts silently), which
 *       {@code wgform_peer_stale} reports instead</li>
 *   <li>{@code wgform_peer_stale{plane,host,peer}} 1 when a kept-alive peer's handshake is older than stale_after
 *       or there never was one</li>
 *   <li>{@code wgform_key_age_seconds{plane,host}}</li>
 * </ul>
 * No sample timestamps: the textfile collector refuses them.
 */
public final class PrometheusTextfile {
    private PrometheusTextfile() {}

    /** The whole file, families in the order above, ending with a newline. */
    public static String render(DriftReport r) {
        StringBuilder out = new StringBuilder();
        Family run = new Family("wgform_last_run_timestamp_seconds", "When wgform drift last ran, in seconds since the epoch.");
        run.add(List.of(), r.timestampEpoch());
        run.appendTo(out);

        Family reachable = new Family("wgform_host_reachable", "Whether wgform reached and read the host (1) or not (0).");
        Family total = new Family("wgform_host_drift_resources",
                "Resources on the host that differ from the playbook, all kinds (being unreachable counts as one).");
        Map<String, Integer> perHost = new LinkedHashMap<>();
        Map<String, Map<DriftKind, Integer>> perHostKind = new LinkedHashMap<>();
        for (HostStatus h : r.hosts()) {
            perHost.put(h.host(), 0);
            perHostKind.put(h.host(), new EnumMap<>(DriftKind.class));
        }
        for (DriftItem item : r.items()) {
            perHost.merge(item.host(), 1, Integer::sum);
            perHostKind.computeIfAbsent(item.host(), h -> new EnumMap<>(DriftKind.class)).merge(item.kind(), 1, Integer::sum);
        }
        for (HostStatus h : r.hosts()) reachable.add(List.of("host", h.host()), h.reachable() ? 1 : 0);
        for (Map.Entry<String, Integer> e : perHost.entrySet()) total.add(List.of("host", e.getKey()), e.getValue());
        reachable.appendTo(out);
        total.appendTo(out);

        Family byKind = new Family("wgform_drift_resources",
                "Resources on the host that differ from the playbook, by kind; only kinds that drifted.");
        for (Map.Entry<String, Map<DriftKind, Integer>> h : perHostKind.entrySet()) {
            for (Map.Entry<DriftKind, Integer> k : h.getValue().entrySet()) {
                byKind.add(List.of("host", h.getKey(), "kind", k.getKey().jsonName()), k.getValue());
            }
        }
        byKind.appendTo(out);

        Family age = new Family("wgform_peer_handshake_age_seconds",
                "Seconds since the latest handshake with the peer, by the host's clock; absent when there never was one.");
        Family stale = new Family("wgform_peer_stale",
                "1 when a kept-alive peer's latest handshake is older than stale_after, or there never was one.");
        for (PeerHealth p : r.peers()) {
            List<String> labels = List.of("plane", p.plane(), "host", p.host(), "peer", p.peer());
            if (p.handshakeAgeSeconds().isPresent()) age.add(labels, p.handshakeAgeSeconds().getAsLong());
            stale.add(labels, p.stale() ? 1 : 0);
        }
        age.appendTo(out);
        stale.appendTo(out);

        Family keys = new Family("wgform_key_age_seconds",
                "Age of the host's private key for the plane, by the host's clock (the key file's modification time).");
        for (KeyAge k : r.keyAges()) keys.add(List.of("plane", k.plane(), "host", k.host()), k.ageSeconds());
        keys.appendTo(out);
        return out.toString();
    }

    /**
     * Replaces {@code file} atomically, so the collector reads either the old file or the new one, never half: a
     * temporary file in the same directory (named {@code .NAME.*.tmp}, which the collector's {@code *.prom} glob
     * skips), flushed to disk, mode 0644, then renamed over {@code file}.
     */
    public static void write(Path file, DriftReport r) throws IOException {
        ReportFile.write(file, render(r));
    }

    /** One metric: HELP, TYPE and its series, each label set once (a repeat would make the collector drop the file). */
    private static final class Family {
        private final String name;
        private final String help;
        private final Set<String> seen = new LinkedHashSet<>();
        private final List<String> lines = new ArrayList<>();

        Family(String name, String help) {
            this.name = name;
            this.help = help;
        }

        /** {@code labels} alternate name, value. */
        void add(List<String> labels, long value) {
            StringBuilder series = new StringBuilder(name);
            if (!labels.isEmpty()) {
                series.append('{');
                for (int i = 0; i < labels.size(); i += 2) {
                    if (i > 0) series.append(',');
                    series.append(labels.get(i)).append("=\"").append(escapeLabelValue(labels.get(i + 1))).append('"');
                }
                series.append('}');
            }
            if (seen.add(series.toString())) lines.add(series + " " + value);
        }

        void appendTo(StringBuilder out) {
            if (lines.isEmpty()) return;
            out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
            out.append("# TYPE ").append(name).append(" gauge\n");
            for (String line : lines) out.append(line).append('\n');
        }
    }

    /** The exposition format escapes backslash, double quote and line feed in label values. */
    static String escapeLabelValue(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** HELP text escapes backslash and line feed only. */
    private static String escapeHelp(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
