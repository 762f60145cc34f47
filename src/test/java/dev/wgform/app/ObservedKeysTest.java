package dev.wgform.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservedKeysTest {
    private static final String KEY_B = "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=";

    @Test
    void aPeersCurrentConfigTellsTheKeyOfAHostThatCannotBeAsked() {
        String config = """
                [Interface]
                Address = 10.200.0.1/24
                PrivateKey = {{wgform-secret}}

                [Peer]
                # node-b
                PublicKey = %s
                AllowedIPs = 10.200.0.2/32

                [Peer]
                # node-c
                PublicKey = {{wgform-pubkey:node-c/mgmt}}
                AllowedIPs = 10.200.0.3/32
                """.formatted(KEY_B);
        assertThat(ObservedKeys.peersIn(config)).isEqualTo(Map.of("node-b", KEY_B)); // a placeholder is no key
    }
}
