package dev.wgform.transport;

import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HostKeyPreferenceTest {
    private static final List<NamedFactory<Signature>> MINA_ORDER = List.of(
            BuiltinSignatures.nistp256, BuiltinSignatures.ed25519, BuiltinSignatures.rsaSHA512,
            BuiltinSignatures.rsaSHA256, BuiltinSignatures.rsa);

    @Test
    void theKeyTypesKnownForAHostComeFirstWithAllTheirSignatureAlgorithms() {
        assertThat(NamedResource.getNameList(HostKeyPreference.preferring(MINA_ORDER, Set.of("ssh-rsa"))))
                .containsExactly("rsa-sha2-512", "rsa-sha2-256", "ssh-rsa", "ecdsa-sha2-nistp256", "ssh-ed25519");
    }

    @Test
    void anUnknownHostIsAskedForEd25519FirstAsOpenSshDoes() {
        assertThat(NamedResource.getNameList(HostKeyPreference.openSshOrder(MINA_ORDER)))
                .containsExactly("ssh-ed25519", "ecdsa-sha2-nistp256", "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa");
    }
}
