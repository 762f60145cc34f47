package dev.wgform.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestTest {
    private final Manifest manifest = new Manifest(1, List.of(
            new Manifest.ManagedFile("/etc/wireguard/wg-mgmt.conf", "wg", "a".repeat(64)),
            new Manifest.ManagedFile("/etc/it's here/a b.conf", "service:nginx", "b".repeat(64))));

    @Test
    void writesOneFileEntryPerLineAndReadsItBack() {
        String json = manifest.toJson();
        assertThat(json).isEqualTo("{\"version\": 1, \"files\": [\n"
                + "  {\"path\": \"/etc/wireguard/wg-mgmt.conf\", \"kind\": \"wg\", \"sha256\": \"" + "a".repeat(64) + "\"},\n"
                + "  {\"path\": \"/etc/it's here/a b.conf\", \"kind\": \"service:nginx\", \"sha256\": \"" + "b".repeat(64) + "\"}\n"
                + "]}\n");
        assertThat(Manifest.parse(json)).isEqualTo(manifest);
        Manifest empty = new Manifest(1, List.of());
        assertThat(Manifest.parse(empty.toJson())).isEqualTo(empty);
    }

    @Test
    void readsAnyLayoutOfTheSameJson() {
        String pretty = dev.wgform.view.Json.write(dev.wgform.json.JsonReader.parse(manifest.toJson()));
        assertThat(Manifest.parse(pretty)).isEqualTo(manifest);
    }

    @Test
    void explainsWhatIsWrong() {
        assertThatThrownBy(() -> Manifest.parse("[]")).hasMessage("1:1: expected a JSON object, found array");
        assertThatThrownBy(() -> Manifest.parse("{\"files\": []}")).hasMessage("\"version\" must be a positive integer, found nothing");
        assertThatThrownBy(() -> Manifest.parse("{\"version\": 1}")).hasMessage("\"files\" must be an array, found nothing");
        assertThatThrownBy(() -> Manifest.parse("{\"version\": 1, \"files\": [{\"path\": \"rel\", \"kind\": \"wg\", \"sha256\": \"x\"}]}"))
                .hasMessage("files[0]: fact paths must be absolute: rel");
        assertThatThrownBy(() -> Manifest.parse("{\"version\": 1, \"files\": [{\"path\": \"/a\", \"kind\": null, \"sha256\": \"x\"}]}"))
                .hasMessage("files[0]: \"kind\" must be a string, found null");
        assertThatThrownBy(() -> new Manifest.ManagedFile("/etc/a\"b", "wg", "x")).hasMessageContaining("no quotes or backslashes");
    }
}
