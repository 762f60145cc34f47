package dev.wgform.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wgform.apply.ApplyBatch.ScriptOutput;
import dev.wgform.apply.ApplyBatch.ScriptRunner;
import dev.wgform.apply.InstallResult.Status;
import dev.wgform.crypto.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApplyBatchTest {
    static final String KEY = InstallScriptTest.KEY;
    static final String CONF = InstallScriptTest.CONF;

    private final FakeHost host = new FakeHost();
    private final List<String> scripts = new ArrayList<>();
    private final ScriptRunner<RuntimeException> runner = script -> {
        scripts.add(script);
        FakeHost.Run run = host.run(script);
        return new ScriptOutput(run.stdout(), run.exit());
    };

    @AfterEach
    void cleanUp() {
        host.close();
    }

    @Test
    void aHostWithItsKeysCostsOneCommandAfterFactsEvenWithANewPsk() {
        host.genKey(KEY);
        List<KeyRequest> missing = ApplyBatch.missing(List.of(new KeyRequest("wg-mgmt", KEY)), Map.of("wg-mgmt", "pub"));
        assertThat(ApplyBatch.generateMissingKeys(runner, missing)).isEmpty();

        String psk = "/etc/wireguard/keys/wg-mgmt/node-b.psk";
        InstallRequest req = new InstallRequest("run-1",
                List.of(new FileWrite(CONF, InstallScriptTest.conf(InstallScriptTest.PEER_B), 0600, "wg")), List.of(),
                List.of(new InterfaceStep("wg-mgmt", InterfaceAction.UP, true, 1)), List.of(), Optional.empty(), "{}", true,
                List.of(new PskPush("wg-mgmt", "node-b", psk, Secret.randomPsk())));
        InstallResult r = ApplyBatch.install(runner, req);

        assertThat(r.status()).isEqualTo(Status.OK);
        assertThat(r.pskHashes()).containsKey(psk);
        assertThat(scripts).hasSize(1);
    }

    @Test
    void aMissingKeyCostsOneMoreCommandAndComesBackAsAPublicKey() {
        List<KeyRequest> missing = ApplyBatch.missing(List.of(new KeyRequest("wg-mgmt", KEY), new KeyRequest("wg-data", "/etc/wireguard/keys/wg-data.key")),
                Map.of("wg-data", "pub"));
        assertThat(missing).extracting(KeyRequest::iface).containsExactly("wg-mgmt");

        KeysResult keys = ApplyBatch.generateMissingKeys(runner, missing).orElseThrow();

        assertThat(keys.publicKeys()).containsOnlyKeys("wg-mgmt");
        assertThat(keys.createdKeys()).containsExactly("wg-mgmt");
        assertThat(scripts).hasSize(1);
        assertThat(host.exists("/etc/wireguard/keys/wg-data.key")).isFalse();
    }

    @Test
    void aKeysStepThatSaysNothingAboutARequestedKeyIsAnError() {
        ScriptRunner<RuntimeException> liar = script -> new ScriptOutput("@@end\n", 0);
        assertThatThrownBy(() -> ApplyBatch.generateMissingKeys(liar, List.of(new KeyRequest("wg-mgmt", KEY))))
                .isInstanceOf(RemoteScriptException.class).hasMessageContaining("no public key for wg-mgmt");
    }
}
