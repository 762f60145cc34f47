package dev.wgform.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RedactionTest {
    /** The hand-written scan replaces exactly what Placeholders.SECRET's regex replaced, on odd input too. */
    @Test
    void redactsSecretPlaceholdersExactlyAsThePlaceholderPatternMatchesThem() {
        String[] parts = {"{{wgform-secret:", "/etc/k", "/", "}}", "}", "{", " ", "\t", "\n", "\u000b", "x", "=", "{{wgform-secret:/a}}",
                "PrivateKey = ", "\u00e9"};
        java.util.Random random = new java.util.Random(7);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) text.append(parts[random.nextInt(parts.length)]);
            String in = text.toString();
            String expected = dev.wgform.render.Placeholders.SECRET.matcher(in)
                    .replaceAll(java.util.regex.Matcher.quoteReplacement(dev.wgform.facts.FileFact.SECRET_MARKER));
            assertThat(Redaction.redacted(in)).as("%s", in).isEqualTo(expected);
        }
    }

    private static final String KEY = "cGxlYXNlLWRvLW5vdC1sZWFrLXRoaXMta2V5LWV2ZXI=";

    @Test
    void renderedPlaceholdersBecomeTheHostsMarkerAndPendingKeysReadKnownAfterApply() {
        String rendered = "PrivateKey = {{wgform-secret:/etc/wireguard/keys/wg-mgmt.key}}\nPublicKey = {{wgform-pubkey:lab-2/mgmt}}\n";
        String redacted = Redaction.redacted(rendered);
        assertThat(redacted).isEqualTo("PrivateKey = {{wgform-secret}}\nPublicKey = {{wgform-pubkey:lab-2/mgmt}}\n");
        assertThat(Redaction.hasPendingKeys(redacted)).isTrue();
        assertThat(Redaction.forDisplay(redacted)).isEqualTo("PrivateKey = {{wgform-secret}}\nPublicKey = (known after apply)\n");
    }

    @Test
    void anySpellingOfAKeyLineTheHostLeftIsRedactedAsTheFactScriptWould() {
        String host = "[Interface]\nprivate key=" + KEY + "\n# PresharedKey = " + KEY + "\n;PRESHARED KEY\t=\t" + KEY + " # old\n"
                + "PrivateKey = {{wgform-secret}}\nPublicKey = " + KEY + "\nPrivateKeyFile = /x\nPresharedKey =\n";
        assertThat(Redaction.hostContent(host)).isEqualTo("[Interface]\nprivate key={{wgform-secret}}\n# PresharedKey = {{wgform-secret}}\n"
                + ";PRESHARED KEY\t=\t{{wgform-secret}}\nPrivateKey = {{wgform-secret}}\nPublicKey = " + KEY
                + "\nPrivateKeyFile = /x\nPresharedKey ={{wgform-secret}}\n");
        String clean = "[Interface]\nPrivateKey = {{wgform-secret}}\n";
        assertThat(Redaction.hostContent(clean)).isSameAs(clean);
    }

    @Test
    void configPeersReadKeysAndRoutesAnyCase() {
        ConfigPeers p = ConfigPeers.of("[Interface]\nlistenport = 51820\n\n[peer]\n# b\npublickey = B=\nAllowedIPs = 10.0.0.2/32, fd00::2/128\n"
                + "allowedips=192.168.2.0/24 # lan\n[Peer]\nPublicKey = C=\nAllowedIPs = 10.0.0.3/32");
        assertThat(p.routes()).isEqualTo(Map.of("B=", List.of("10.0.0.2/32", "fd00::2/128", "192.168.2.0/24"), "C=", List.of("10.0.0.3/32")));
        assertThat(p.listenPort()).isEqualTo(OptionalInt.of(51820));
        assertThat(p.complete()).isTrue();
        assertThat(ConfigPeers.of("[Peer]\nPublicKey = {{wgform-pubkey:b/mgmt}}\n").complete()).isFalse();
    }

    @Test
    void configPeersTakeBlanksCommentsAndMissingNewlinesAsWgQuickDoes() {
        // no '#' anywhere; blanks around sections; '=' only inside a comment is no key; a commented-out peer key
        ConfigPeers none = ConfigPeers.of("  [Peer]  \n\tPublicKey=B=\r\nAllowedIPs =10.0.0.2/32 ,, \n[Peer]\nPublicKey=C=");
        assertThat(none.routes()).isEqualTo(Map.of("B=", List.of("10.0.0.2/32"), "C=", List.of()));
        ConfigPeers comments = ConfigPeers.of("#[Peer]\n[Interface] # x\nListenPort # = 1\nListenPort = 7 # = 8\n[Peer] #\n"
                + "# PublicKey = A=\nPublicKey = B= # old: A=\n#\n");
        assertThat(comments.listenPort()).isEqualTo(OptionalInt.of(7));
        assertThat(comments.routes()).isEqualTo(Map.of("B=", List.of()));
        assertThat(ConfigPeers.of("").routes()).isEmpty();
    }
}
