package dev.wgform.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.json.JsonReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftJsonTest {
    @Test
    void hasTheDocumentedFieldsInOrder() {
        Map<String, Object> doc = JsonReader.parseObject(DriftJson.render(DriftSamples.withDrift()));
        assertThat(doc.keySet()).containsExactly("version", "timestamp", "stale_after_seconds", "drift", "hosts", "items",
                "peers", "key_ages");
        assertThat(doc).containsEntry("version", 1L).containsEntry("timestamp", DriftSamples.NOW)
                .containsEntry("stale_after_seconds", 180L).containsEntry("drift", true);

        List<Map<String, Object>> hosts = list(doc.get("hosts"));
        assertThat(hosts).hasSize(4);
        assertThat(hosts.get(0)).containsExactly(Map.entry("host", "lab-1"), Map.entry("reachable", true),
                Map.entry("failure", JsonReader.NULL));
        assertThat(hosts.get(2)).containsExactly(Map.entry("host", "lab-3"), Map.entry("reachable", false),
                Map.entry("failure", "connection refused"));

        List<Map<String, Object>> items = list(doc.get("items"));
        assertThat(items).hasSize(3);
        assertThat(items.get(0)).containsExactly(Map.entry("host", "lab-1"), Map.entry("kind", "file"),
                Map.entry("resource", "/etc/wireguard/wg-mgmt.conf"), Map.entry("summary", "edited by hand"),
                Map.entry("details", List.of("changed outside wgform; apply restores it")), Map.entry("diff", DriftSamples.DIFF));
        assertThat(items.get(1)).containsEntry("kind", "peers").containsEntry("details", List.of())
                .containsEntry("diff", JsonReader.NULL);
        assertThat(items.get(2)).containsEntry("kind", "unreachable").containsEntry("resource", "");

        List<Map<String, Object>> peers = list(doc.get("peers"));
        assertThat(peers).hasSize(6);
        assertThat(peers.get(0)).containsExactly(Map.entry("plane", "mgmt"), Map.entry("host", "lab-1"), Map.entry("peer", "lab-2"),
                Map.entry("handshake_age_seconds", 12L), Map.entry("rx_bytes", 1012L), Map.entry("tx_bytes", 2012L),
                Map.entry("endpoint", "198.51.100.114:51820"), Map.entry("keepalive", true), Map.entry("stale", false));
        assertThat(peers.get(3)).containsEntry("peer", "lab-4").containsEntry("handshake_age_seconds", JsonReader.NULL)
                .containsEntry("endpoint", JsonReader.NULL).containsEntry("stale", true);
        assertThat(peers.get(5)).containsEntry("peer", "xTIBA5rb…");

        assertThat(list(doc.get("key_ages"))).containsExactly(
                Map.of("plane", "mgmt", "host", "lab-1", "age_seconds", 259_200L),
                Map.of("plane", "mgmt", "host", "lab-2", "age_seconds", 259_300L),
                Map.of("plane", "mgmt", "host", "lab-4", "age_seconds", 90_000L),
                Map.of("plane", "app", "host", "lab-1", "age_seconds", 3_600L));
    }

    @Test
    void aCleanRunSaysNoDrift() {
        Map<String, Object> doc = JsonReader.parseObject(DriftJson.render(DriftSamples.clean()));
        assertThat(doc).containsEntry("drift", false).containsEntry("items", List.of());
        assertThat(list(doc.get("hosts"))).hasSize(8).allSatisfy(h -> assertThat(h).containsEntry("reachable", true));
    }

    @Test
    void awkwardNamesSurviveTheRoundTrip() {
        String text = DriftJson.render(DriftSamples.evil());
        Map<String, Object> doc = JsonReader.parseObject(text);
        assertThat(list(doc.get("hosts")).get(0)).containsEntry("host", DriftSamples.EVIL_HOST);
        assertThat(list(doc.get("hosts")).get(1)).containsEntry("failure", "refused <\"here\">");
        assertThat(list(doc.get("items")).get(0)).containsEntry("summary", "edited <script>alert(1)</script>")
                .containsEntry("diff", "@@ -1 +1 @@\n-</pre><b>old\n+new & \"q\"\n");
        assertThat(list(doc.get("peers")).get(0)).containsEntry("peer", DriftSamples.EVIL_PEER)
                .containsEntry("plane", "pl<a>ne\"");
        assertThat(text).doesNotContain("pe\ner"); // the newline is escaped, one JSON line per value
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
