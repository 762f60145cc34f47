package dev.wgform.transport;

import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.apache.sshd.client.ClientBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KexPreferenceTest {
    @Test
    void mlKemComesFirstAndEveryOtherKeyExchangeKeepsItsPlace() {
        List<KeyExchangeFactory> mina = ClientBuilder.setUpDefaultKeyExchanges(true);

        List<String> ordered = NamedResource.getNameList(KexPreference.openSshOrder(mina));

        assertThat(ordered).first().isEqualTo("mlkem768x25519-sha256");
        List<String> others = NamedResource.getNameList(mina).stream().filter(n -> !n.equals("mlkem768x25519-sha256")).toList();
        assertThat(ordered.subList(1, ordered.size())).isEqualTo(others);
        assertThat(ordered.get(1)).isEqualTo("sntrup761x25519-sha512"); // what Debian 12's OpenSSH 9.2 agrees on
    }

    @Test
    void aListWithoutMlKemIsLeftAsItIs() {
        List<KeyExchangeFactory> old = List.of(
                ClientBuilder.DH2KEX.apply(BuiltinDHFactories.curve25519),
                ClientBuilder.DH2KEX.apply(BuiltinDHFactories.ecdhp256));

        assertThat(KexPreference.openSshOrder(old)).isEqualTo(old);
    }
}
