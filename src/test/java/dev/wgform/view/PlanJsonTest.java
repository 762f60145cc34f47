package dev.wgform.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.json.JsonReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanJsonTest {
    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    @Test
    void hasTheDocumentedShape() {
        Map<String, Object> root = JsonReader.parseObject(PlanJson.render(PlanSamples.sample()));
        assertThat(root).containsOnlyKeys("format_version", "created_at", "inventory", "playbook", "summary", "has_changes", "hosts");
        assertThat(root.get("format_version")).isEqualTo("1");
        assertThat(root.get("created_at")).isEqualTo("2025-01-02T03:04:05Z");
        assertThat(root.get("summary")).isEqualTo(Map.of("add", 2L, "change", 2L, "destroy", 1L, "unreachable", 1L, "refused", 0L));
        assertThat(root.get("has_changes")).isEqualTo(true);

        List<Object> hosts = list(root.get("hosts"));
        assertThat(hosts).extracting(h -> map(h).get("host")).containsExactly("lab-1", "lab-2", "lab-3", "lab-4");
        Map<String, Object> lab1 = map(hosts.get(0));
        assertThat(lab1).containsOnlyKeys("host", "unreachable", "facts_fingerprint", "notes", "refusals", "changes");
        assertThat(lab1.get("refusals")).isEqualTo(List.of());
        assertThat(lab1.get("unreachable")).isEqualTo(JsonReader.NULL);
        assertThat(lab1.get("facts_fingerprint")).isEqualTo(PlanSamples.FP);
        assertThat(map(hosts.get(2)).get("unreachable")).isEqualTo("connection refused");

        List<Object> changes = list(lab1.get("changes"));
        Map<String, Object> key = map(changes.get(0));
        assertThat(key).containsEntry("type", "private_key").containsEntry("name", "wg-mgmt").containsEntry("action", "create")
                .containsEntry("file", JsonReader.NULL)
                .containsEntry("details", List.of("/etc/wireguard/keys/wg-mgmt.key", "public key: (known after apply)"));
        assertThat(key.get("effects")).isEqualTo(List.of(Map.of("type", "generate_key", "text", "generate key wg-mgmt",
                "interface", "wg-mgmt", "path", "/etc/wireguard/keys/wg-mgmt.key")));
        assertThat(map(list(map(changes.get(1)).get("effects")).get(0)))
                .containsEntry("type", "push_psk").containsEntry("peer", "lab-2");

        Map<String, Object> config = map(changes.get(2));
        assertThat(config.get("action")).isEqualTo("update");
        assertThat(map(config.get("file"))).containsOnlyKeys("path", "mode", "kind", "old_sha256", "new_sha256", "new_content", "diff")
                .containsEntry("mode", "0600").containsEntry("kind", "wg").containsEntry("old_sha256", PlanSamples.OLD_SHA)
                .containsEntry("new_sha256", PlanSamples.NEW_SHA);
        assertThat(map(changes.get(3)).get("action")).isEqualTo("no-op");
        assertThat(map(changes.get(4)).get("type")).isEqualTo("manifest");
    }
}
