package dev.wgform.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wgform.crypto.Secret;
import dev.wgform.facts.FactParser;
import dev.wgform.facts.FactRequest;
import dev.wgform.facts.FactScript;
import dev.wgform.facts.HostFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** KEYS scripts run for real (sh -s) in a temp root; keys come from the real wg genkey behind the fake wg. */
class KeysScriptTest {
    static final String KEY = "/etc/wireguard/keys/wg-mgmt.key";
    static final String PSK = "/etc/wireguard/keys/wg-mgmt/node-b.psk";

    private final FakeHost host = new FakeHost();

    @AfterEach
    void cleanUp() {
        host.close();
    }

    @Test
    void missingKeyIsGeneratedOnTheHostAndOnlyItsPublicKeyComesBack() {
        FakeHost.Run run = host.run(KeysScript.build(List.of(new KeyRequest("wg-mgmt", KEY)), List.of()));
        KeysResult r = KeysResult.parse(run.stdout());

        String key = host.read(KEY).trim();
        assertThat(key).matches("[A-Za-z0-9+/]{43}=");
        assertThat(host.mode(KEY)).isEqualTo("rw-------");
        assertThat(host.mode("/etc/wireguard/keys")).isEqualTo("rwx------");
        assertThat(r.publicKeys()).containsExactly(Map.entry("wg-mgmt", FakeHost.realWg("pubkey", key + "\n")));
        assertThat(r.createdKeys()).containsExactly("wg-mgmt");
        assertThat(r.keyMtimes().get("wg-mgmt")).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(120L));
        assertThat(run.stdout()).doesNotContain(key);
        assertThat(run.stderr()).doesNotContain(key);
        assertThat(host.tempFiles()).isEmpty();
    }

    @Test
    void existingKeyIsKept() {
        String key = host.genKey(KEY);
        FakeHost.Run run = host.run(KeysScript.build(List.of(new KeyRequest("wg-mgmt", KEY)), List.of()));
        KeysResult r = KeysResult.parse(run.stdout());

        assertThat(host.read(KEY)).isEqualTo(key + "\n");
        assertThat(r.createdKeys()).isEmpty();
        assertThat(r.publicKeys()).containsEntry("wg-mgmt", FakeHost.realWg("pubkey", key + "\n"));
        assertThat(host.calls()).containsExactly("wg pubkey");
        assertThat(run.stdout()).doesNotContain(key);
    }

    @Test
    void pskIsWrittenFromAHeredocAndOnlyItsHashComesBack() {
        Secret psk = Secret.randomPsk();
        PskPush push = new PskPush("wg-mgmt", "node-b", PSK, psk);
        String script = KeysScript.build(List.of(), List.of(push));
        FakeHost.Run run = host.run(script);
        KeysResult r = KeysResult.parse(run.stdout());

        assertThat(host.read(PSK)).isEqualTo(psk.base64ForTransfer() + "\n");
        assertThat(host.mode(PSK)).isEqualTo("rw-------");
        assertThat(host.mode("/etc/wireguard/keys/wg-mgmt")).isEqualTo("rwx------");
        assertThat(r.pskHashes()).containsExactly(Map.entry(PSK, push.expectedHash()));
        ScriptSecrets.assertOnlyInsideHeredocs(script, psk.base64ForTransfer());
        assertThat(run.stdout()).doesNotContain(psk.base64ForTransfer());
        assertThat(run.stderr()).doesNotContain(psk.base64ForTransfer());
    }

    @Test
    void pskHashIsWhatTheFactScriptFormulaGivesForARealGenpskFile() throws Exception {
        String real = FakeHost.realWg("genpsk", "");
        host.write(PSK, real + "\n", "rw-------");
        Process p = new ProcessBuilder("sh", "-c", "sha256sum < \"$1\" | cut -d' ' -f1", "sh",
                host.path(PSK).toString()).start();
        String shHash = new String(p.getInputStream().readAllBytes()).trim();
        PskPush same = new PskPush("wg-mgmt", "node-b", PSK, Secret.ofBytes(java.util.Base64.getDecoder().decode(real)));
        assertThat(same.expectedHash()).isEqualTo(shHash).matches("[0-9a-f]{64}");
    }

    @Test
    void withoutWgTheStepFailsAskingForWireguardTools() throws IOException {
        // a PATH with the coreutils the script needs and no wg at all
        Path minimal = Files.createDirectories(host.dir.resolve("minimal"));
        for (String tool : List.of("id", "mkdir", "chmod", "chown", "mktemp", "mv", "rm", "cat", "stat", "sha256sum", "cut", "flock",
                "tail", "tr", "sed")) {
            for (String d : List.of("/usr/bin", "/bin", "/usr/sbin")) {
                Path real = Paths.get(d, tool);
                if (Files.isExecutable(real)) {
                    Files.createSymbolicLink(minimal.resolve(tool), real);
                    break;
                }
            }
        }
        FakeHost.Run run = host.run(KeysScript.build(List.of(new KeyRequest("wg-mgmt", KEY)), List.of()), Map.of("PATH", minimal.toString()));

        assertThat(run.exit()).isEqualTo(1);
        assertThatThrownBy(() -> KeysResult.parse(run.stdout())).isInstanceOf(RemoteScriptException.class)
                .hasMessageContaining("wg is not installed on this host").hasMessageContaining("install wireguard-tools");
        assertThat(host.exists(KEY)).isFalse();
    }

    @Test
    void staleTempFilesOfAKilledRunAreRemoved() {
        host.write("/etc/wireguard/keys/.wgform.AbC123", "half a key", "rw-------");
        host.write("/etc/wireguard/keys/.wgform.keep-me-not-ours", "x", "rw-------");
        host.run(KeysScript.build(List.of(new KeyRequest("wg-mgmt", KEY)), List.of()));

        assertThat(host.tempFiles()).containsExactly("/etc/wireguard/keys/.wgform.keep-me-not-ours");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash --posix", "busybox sh"})
    void theReadingCommandMakesTheMissingKeyOnlyWhenAnsweredSo(String shell) throws Exception {
        List<String> sh = List.of(shell.split(" "));
        String script = FactScript.build(keyFacts()) + KeysScript.onAnswer(List.of(new KeyRequest("wg-mgmt", KEY)));
        FakeHost.Run unanswered = host.runAnswering(script, KeysScript.ASK, null, sh);
        FakeHost.Run refused = host.runAnswering(script, KeysScript.ASK, "no\n", sh);
        assertThat(host.exists(KEY)).isFalse();
        for (FakeHost.Run r : List.of(unanswered, refused)) {
            assertThat(r.exit()).as(r.stderr()).isZero();
            assertThat(answered(r.stdout())).isEmpty();
            assertThat(FactParser.parse("node-a", r.stdout().substring(0, r.stdout().indexOf(KeysScript.ASK))).keys()).isEmpty();
        }

        FakeHost.Run made = host.runAnswering(script, KeysScript.ASK, KeysScript.MAKE + "\n", sh);
        String key = host.read(KEY).trim();
        assertThat(made.exit()).as(made.stderr()).isZero();
        assertThat(host.mode(KEY)).isEqualTo("rw-------");
        KeysResult keys = KeysResult.parse(answered(made.stdout()));
        assertThat(keys.createdKeys()).containsExactly("wg-mgmt");
        assertThat(keys.publicKeys()).containsExactly(Map.entry("wg-mgmt", FakeHost.realWg("pubkey", key + "\n")));
        assertThat(made.stdout()).doesNotContain(key);
        assertThat(made.stderr()).doesNotContain(key);
        assertThat(host.tempFiles()).isEmpty();
        assertThat(host.exists("/var/lib/wgform/lock")).isTrue(); // taken while the key was made

        // a key that is there is left alone, and costs no process
        int before = host.calls().size();
        FakeHost.Run again = host.runAnswering(script, KeysScript.ASK, KeysScript.MAKE + "\n", sh);
        assertThat(KeysResult.parse(answered(again.stdout()))).isEqualTo(new KeysResult(Map.of(), Map.of(), java.util.Set.of(), Map.of()));
        assertThat(host.read(KEY).trim()).isEqualTo(key);
        List<String> calls = host.calls().subList(before, host.calls().size());
        assertThat(calls).doesNotContain("wg genkey").filteredOn("wg pubkey"::equals).hasSize(1); // the fact script's
    }

    @Test
    void aRunHoldingTheLockStopsTheKeysAndSaysWhose() throws Exception {
        java.nio.file.Path lock = host.path("/var/lib/wgform/lock");
        Files.createDirectories(lock.getParent());
        Files.writeString(lock, "alice@other-workstation pid 4242 since 2026-11-27T04:00:00Z\n");
        Process holder = new ProcessBuilder("flock", lock.toString(), "sleep", "20").start();
        try {
            Thread.sleep(300);
            String script = FactScript.build(keyFacts()) + KeysScript.onAnswer(List.of(new KeyRequest("wg-mgmt", KEY)));
            FakeHost.Run run = host.runAnswering(script, KeysScript.ASK, KeysScript.MAKE + "\n", List.of("sh"));

            assertThatThrownBy(() -> KeysResult.parse(answered(run.stdout()))).isInstanceOf(RemoteScriptException.class)
                    .hasMessageContaining("another wgform run is in progress on this host: alice@other-workstation");
            assertThat(host.exists(KEY)).isFalse();
        } finally {
            holder.descendants().forEach(ProcessHandle::destroy);
            holder.destroy();
            holder.waitFor();
        }
    }

    private static FactRequest keyFacts() {
        return new FactRequest(List.of(), Map.of("wg-mgmt", KEY), List.of(), List.of());
    }

    @Test
    void parserRefusesCutShortAndForeignOutput() {
        assertThatThrownBy(() -> KeysResult.parse("@@pubkey wg-mgmt " + "A".repeat(43) + "=\n"))
                .isInstanceOf(RemoteScriptException.class).hasMessageContaining("ended early");
        assertThatThrownBy(() -> KeysResult.parse("@@pubkey wg-mgmt not-a-key\n@@end\n"))
                .isInstanceOf(RemoteScriptException.class).hasMessageContaining("does not understand");
        assertThatThrownBy(() -> KeysResult.parse("@@surprise\n@@end\n")).isInstanceOf(RemoteScriptException.class);
        assertThat(KeysResult.parse("Welcome to the host!\n@@keycreated wg-a\n@@pubkey wg-a " + "A".repeat(43) + "=\n@@keymtime wg-a 17\n@@end\n"))
                .isEqualTo(new KeysResult(Map.of("wg-a", "A".repeat(43) + "="), Map.of("wg-a", 17L), java.util.Set.of("wg-a"), Map.of()));
    }

    @Test
    void namesAndPathsAreCheckedBeforeAnythingIsGenerated() {
        assertThatThrownBy(() -> new KeyRequest("wg-$(reboot)", KEY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyRequest("wg-mgmt", "/etc/wireguard/../shadow")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyRequest("wg-mgmt", "/etc/wire guard/k")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeysScript.build(List.of(new KeyRequest("wg-a", KEY), new KeyRequest("wg-b", KEY)), List.of()))
                .hasMessageContaining("listed twice");
        assertThat(new PskPush("wg-mgmt", "node-b", PSK, Secret.randomPsk()).toString()).contains("psk=(sensitive)");
    }

    /** The keys step's output in the whole output of a command that ran {@link KeysScript#onAnswer}: what follows its question. */
    private static String answered(String stdout) {
        String ask = KeysScript.ASK;
        int at = stdout.startsWith(ask + "\n") ? 0 : stdout.indexOf("\n" + ask + "\n");
        return at < 0 ? "" : stdout.substring(at + ask.length() + (at == 0 ? 1 : 2));
    }
}
