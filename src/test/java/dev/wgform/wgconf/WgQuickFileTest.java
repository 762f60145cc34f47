package dev.wgform.wgconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WgQuickFileTest {
    private static final String TEXT = """
            # header comment
            [Interface]
            Address = 10.200.0.1/24, fd00::1/64
            listenport=51820   # trailing comment
            PrivateKey = {{wgform-secret:/etc/wireguard/keys/wg-mgmt.key}}
            PostUp = sysctl -q -w net.ipv4.ip_forward=1
            PostUp = echo up

            [peer]
            # node-b
            PublicKey = YmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmI=
            AllowedIPs = 10.200.0.2/32
            ALLOWEDIPS = 192.168.1.0/24 ,192.168.2.0/24
            Endpoint = [2001:db8::2]:51820

            [Peer]
            # node-c
            # second comment
            PublicKey = {{wgform-pubkey:node-c/mgmt}}
            AllowedIPs = 10.200.0.3/32
            """;

    @Test
    void keysAreCaseInsensitiveAndRepeatedKeysAddUp() {
        WgQuickFile f = WgQuickFile.parse(TEXT);

        assertThat(f.interfaceFields().get("ADDRESS")).containsExactly("10.200.0.1/24", "fd00::1/64");
        assertThat(f.first("ListenPort")).contains("51820");
        assertThat(f.interfaceFields().get("postup")).containsExactly("sysctl -q -w net.ipv4.ip_forward=1", "echo up");
        assertThat(f.first("PrivateKey")).contains("{{wgform-secret:/etc/wireguard/keys/wg-mgmt.key}}");
    }

    @Test
    void peersKeepTheirCommentsAndMergedAllowedIps() {
        List<PeerSection> peers = WgQuickFile.parse(TEXT).peers();

        assertThat(peers).hasSize(2);
        assertThat(peers.get(0).name()).contains("node-b");
        assertThat(peers.get(0).allowedIps()).containsExactly("10.200.0.2/32", "192.168.1.0/24", "192.168.2.0/24");
        assertThat(peers.get(0).first("endpoint")).contains("[2001:db8::2]:51820");
        assertThat(peers.get(1).comments()).containsExactly("node-c", "second comment");
        assertThat(peers.get(1).publicKey()).contains("{{wgform-pubkey:node-c/mgmt}}");
    }

    @Test
    void equalFilesParseEqualWhateverTheirSpellingOfKeys() {
        String a = "[Interface]\nListenPort = 1\n[Peer]\nPublicKey = k\nAllowedIPs = 10.0.0.1/32, 10.0.0.2/32\n";
        String b = "[interface]\nlistenport=1\n\n[peer]\npublickey = k\nallowedips = 10.0.0.1/32\nAllowedIPs = 10.0.0.2/32\n";

        assertThat(WgQuickFile.parse(a)).isEqualTo(WgQuickFile.parse(b));
    }

    @Test
    void malformedLinesAreReportedWithTheirNumber() {
        assertThatThrownBy(() -> WgQuickFile.parse("[Interface]\nAddress = 10.0.0.1/24\nnonsense\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 3");
        assertThatThrownBy(() -> WgQuickFile.parse("ListenPort = 1\n")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> WgQuickFile.parse("[Interface]\n[Bogus]\n")).hasMessageContaining("line 2");
    }

    @Test
    void anEmptyFileHasNoFields() {
        WgQuickFile f = WgQuickFile.parse("");

        assertThat(f.interfaceFields()).isEmpty();
        assertThat(f.peers()).isEmpty();
    }
}
