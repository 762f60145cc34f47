package dev.wgform.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RenderedFileTest {
    @Test
    void hashesItsContentWhenAskedAsSha256sumWould() throws Exception {
        // printf 'a\nb\n' | sha256sum; printf 'caf\xc3\xa9\n' | sha256sum (UTF-8, not the ASCII fast path)
        assertThat(RenderedFile.of("/etc/x", "a\nb\n", 0600, "wg").sha256())
                .isEqualTo("911169ddaaf146aff539f58c26c489af3b892dff0fe283c1c264c65ae5aa59a2");
        assertThat(RenderedFile.of("/etc/x", "caf\u00e9\n", 0600, "wg").sha256())
                .isEqualTo("7b49b9e063bd91a4f9252b413261f5557b9c570aa61516989499f64a62dbcdd6");
        assertThat(RenderedFile.sha256("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        String big = "x".repeat(20_000) + "\u00e9"; // past the first 8 KiB chunk before the non-ASCII character
        assertThat(RenderedFile.sha256(big)).isEqualTo(plainSha256(big));
    }

    @Test
    void equalsByPathContentModeAndKindWhetherHashedOrNot() {
        RenderedFile a = RenderedFile.of("/etc/wireguard/wg0.conf", "[Interface]\n", 0600, "wg");
        RenderedFile b = RenderedFile.of("/etc/wireguard/wg0.conf", "[Interface]\n", 0600, "wg");
        a.sha256(); // one hashed, one not
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(RenderedFile.of("/etc/wireguard/wg0.conf", "[Interface]\n", 0644, "wg"));
        assertThat(a).isNotEqualTo(RenderedFile.of("/etc/wireguard/wg0.conf", "[Peer]\n", 0600, "wg"));
        assertThat(a).isNotEqualTo(RenderedFile.of("/etc/wireguard/wg1.conf", "[Interface]\n", 0600, "wg"));
        assertThat(a).isNotEqualTo(RenderedFile.of("/etc/wireguard/wg0.conf", "[Interface]\n", 0600, "firewall"));
    }

    /** The digest of the UTF-8 bytes, the plain way. */
    private static String plainSha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesWhatNoHostCouldHold() {
        assertThatThrownBy(() -> RenderedFile.of("etc/x", "", 0600, "wg")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> RenderedFile.of("/etc/x", "", 010000, "wg")).hasMessageContaining("mode");
        assertThatThrownBy(() -> RenderedFile.of("/etc/x", null, 0600, "wg")).hasMessageContaining("required");
    }
}
