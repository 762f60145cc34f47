package dev.wgform.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wgform.crypto.Secret;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rotation scripts (RotationScript.build) run for real under /bin/sh in a temp root, with the rotation wg stub
 * (src/test/resources/apply/rotatebin: logs each argv, real genkey/pubkey, handshakes from a file) and a ping that
 * sends nothing. Keys here are throwaway keys made by the real wg genkey.
 */
class RotationScriptShellTest {
    static final String IF = "wg-mgmt";
    static final String KEY = "/etc/wireguard/keys/wg-mgmt.key";
    static final String PSK = "/etc/wireguard/keys/wg-mgmt/node-b.psk";
    static final Path ROTATEBIN = Paths.get("src/test/resources/apply/rotatebin");
    static final String P1 = "A".repeat(43) + "=";
    static final String P2 = "B".repeat(42) + "Q=";
    static final String P3 = "C".repeat(42) + "w=";
    static final String P4 = "D".repeat(42) + "E=";

    private final FakeHost host = new FakeHost();

    RotationScriptShellTest() {
        try (Stream<Path> tools = Files.list(ROTATEBIN)) {
            for (Path t : tools.toList()) {
                Path copy = host.bin.resolve(t.getFileName().toString());
                Files.copy(t, copy, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void cleanUp() {
        host.close();
    }

    private FakeHost.Run run(RotationOp... ops) {
        return host.run(RotationScript.build(List.of(ops)));
    }

    private FakeHost.Run run(Map<String, String> env, RotationOp... ops) {
        return host.run(RotationScript.build(List.of(ops)), env);
    }

    /** The stub's calls of one tool, with the temp root still in them. */
    private List<String> rawCalls(String prefix) {
        try {
            return Files.readAllLines(host.log).stream().filter(l -> l.startsWith(prefix)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String pub(String privateKey) {
        return FakeHost.realWg("pubkey", privateKey + "\n");
    }

    private void handshakes(String... lines) {
        try {
            Files.writeString(host.state.resolve("handshakes-" + IF), String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertFailed(FakeHost.Run run, String reason) {
        assertThat(run.exit()).isNotZero();
        assertThat(run.stdout()).doesNotContain("@@end");
        assertThatThrownBy(() -> RotationResult.parse(run.stdout())).isInstanceOf(RemoteScriptException.class)
                .hasMessageContaining(reason);
    }

    // --- key files: prepare, promote, demote, drop

    @Test
    void prepareMakesA0600NextKeyUnderTheLockAndPrintsOnlyPublicKeys() throws IOException {
        String current = host.genKey(KEY);

        FakeHost.Run run = run(new RotationOp.Prepare(IF, KEY, true));

        assertThat(run.exit()).isZero();
        String next = host.read(KEY + ".next").strip();
        assertThat(next).matches("[A-Za-z0-9+/]{43}=").isNotEqualTo(current);
        assertThat(host.mode(KEY + ".next")).isEqualTo("rw-------");
        assertThat(host.read(KEY)).isEqualTo(current + "\n");
        RotationResult r = RotationResult.parse(run.stdout());
        assertThat(r.currentKeys()).containsExactly(Map.entry(IF, pub(current)));
        assertThat(r.nextKey(IF)).contains(pub(next));
        assertThat(run.stdout() + run.stderr()).doesNotContain(current).doesNotContain(next);
        assertThat(host.tempFiles()).isEmpty();
        assertThat(Files.readString(host.path("/var/lib/wgform/lock"))).isEqualTo(LockHolder.current() + "\n");
        assertThat(host.mode("/var/lib/wgform")).isEqualTo("rwx------");
    }

    @Test
    void aFreshPrepareReplacesALeftoverNextKeyAndARepeatedOneKeepsIt() {
        host.genKey(KEY);
        String leftover = host.genKey(KEY + ".next");

        RotationResult kept = RotationResult.parse(run(new RotationOp.Prepare(IF, KEY, false)).stdout());
        assertThat(host.read(KEY + ".next")).isEqualTo(leftover + "\n");
        assertThat(kept.nextKey(IF)).contains(pub(leftover));

        RotationResult fresh = RotationResult.parse(run(new RotationOp.Prepare(IF, KEY, true)).stdout());
        String made = host.read(KEY + ".next").strip();
        assertThat(made).isNotEqualTo(leftover);
        assertThat(fresh.nextKey(IF)).contains(pub(made));
    }

    @Test
    void prepareWithoutTheKeyFileFailsAskingForApply() {
        assertFailed(run(new RotationOp.Prepare(IF, KEY, true)), "/etc/wireguard/keys/wg-mgmt.key is missing: run wgform apply first");
        assertThat(host.exists(KEY + ".next")).isFalse();
    }

    @Test
    void promoteKeepsThePreviousKeyAndIsIdempotent() {
        String old = host.genKey(KEY);
        String next = host.genKey(KEY + ".next");

        assertThat(run(new RotationOp.Promote(KEY)).exit()).isZero();
        assertThat(host.read(KEY)).isEqualTo(next + "\n");
        assertThat(host.read(KEY + ".prev")).isEqualTo(old + "\n");
        assertThat(host.mode(KEY + ".prev")).isEqualTo("rw-------");
        assertThat(host.exists(KEY + ".next")).isFalse();

        FakeHost.Run again = run(new RotationOp.Promote(KEY));
        assertThat(again.exit()).isZero();
        assertThat(again.stdout()).isEqualTo("@@end\n");
        assertThat(host.read(KEY)).isEqualTo(next + "\n");
        assertThat(host.read(KEY + ".prev")).isEqualTo(old + "\n");
        assertThat(host.tempFiles()).isEmpty();
    }

    @Test
    void promoteKilledAfterKeepingPrevFinishesWithoutOverwritingPrev() {
        String old = host.genKey(KEY);
        host.write(KEY + ".prev", old + "\n", "rw-------");
        String next = host.genKey(KEY + ".next");

        run(new RotationOp.Promote(KEY));

        assertThat(host.read(KEY)).isEqualTo(next + "\n");
        assertThat(host.read(KEY + ".prev")).isEqualTo(old + "\n");
    }

    @Test
    void demotePutsThePreviousKeyBackDropsANextOneAndIsIdempotent() {
        String old = host.genKey(KEY);
        String next = host.genKey(KEY + ".next");
        run(new RotationOp.Promote(KEY));
        assertThat(host.read(KEY)).isEqualTo(next + "\n");
        host.genKey(KEY + ".next"); // a next key made again by a resumed prepare: dropped too

        assertThat(run(new RotationOp.Demote(KEY)).exit()).isZero();
        assertThat(host.read(KEY)).isEqualTo(old + "\n");
        assertThat(host.exists(KEY + ".prev")).isFalse();
        assertThat(host.exists(KEY + ".next")).isFalse();

        assertThat(run(new RotationOp.Demote(KEY)).exit()).isZero();
        assertThat(host.read(KEY)).isEqualTo(old + "\n");
    }

    @Test
    void dropRemovesOnlyTheNamedFileAndMissingFilesAreFine() {
        String key = host.genKey(KEY);
        host.genKey(KEY + ".prev");
        host.genKey(KEY + ".next");

        FakeHost.Run r = run(new RotationOp.Drop(KEY + ".prev"), new RotationOp.Drop(KEY + ".prev"), new RotationOp.Drop(PSK + ".next"));

        assertThat(r.exit()).isZero();
        assertThat(host.exists(KEY + ".prev")).isFalse();
        assertThat(host.exists(KEY + ".next")).isTrue();
        assertThat(host.read(KEY)).isEqualTo(key + "\n");
    }

    // --- live changes: exactly the wg set argv

    /** A resumed swap whose key is already live sets nothing and reports the swap as when .prev was kept. */
    @Test
    void aKeyAlreadyLiveIsNotSetAgainAndKeepsItsSwapTime() throws Exception {
        host.up(IF, "");
        String key = host.genKey(KEY);
        host.genKey(KEY + ".prev");
        Files.setLastModifiedTime(host.root.resolve(KEY.substring(1) + ".prev"), java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L));
        Files.writeString(host.state.resolve("pub-" + IF), FakeHost.realWg("pubkey", key + "\n") + "\n");

        FakeHost.Run r = run(new RotationOp.LiveKey(IF, KEY));

        assertThat(r.exit()).isZero();
        assertThat(RotationResult.parse(r.stdout()).swappedAt(IF)).hasValue(1_700_000_000L);
        assertThat(rawCalls("wg [set]")).isEmpty();
    }

    @Test
    void liveStepsCallWgSetWithExactlyTheExpectedArguments() {
        host.up(IF, "");
        host.genKey(KEY);
        String root = host.root.toString();

        FakeHost.Run run = run(
                new RotationOp.Stage(IF, P1, "203.0.113.10:51820", PSK + ".next"),
                new RotationOp.Stage(IF, P1, "[2001:db8::1]:51820", ""),
                new RotationOp.Stage(IF, P1, "", PSK),
                new RotationOp.Stage(IF, P1, "", ""),
                new RotationOp.LiveKey(IF, KEY),
                new RotationOp.LivePsk(IF, P2, PSK),
                new RotationOp.Move(IF, P1, P2, List.of("10.200.0.1/32", "fd00::1/128"), 25),
                new RotationOp.Move(IF, P1, P2, List.of("10.200.0.1/32"), 0),
                new RotationOp.Restore(IF, P2, P1, List.of("10.200.0.1/32"), "203.0.113.10:51820", 25, PSK),
                new RotationOp.Restore(IF, P2, P1, List.of("10.200.0.1/32", "10.9.0.0/16"), "", 0, ""),
                new RotationOp.Unstage(IF, P1));

        assertThat(run.exit()).isZero();
        assertThat(rawCalls("wg [set]")).containsExactly(
                "wg [set] [wg-mgmt] [peer] [" + P1 + "] [endpoint] [203.0.113.10:51820] [preshared-key] [" + root + PSK + ".next]",
                "wg [set] [wg-mgmt] [peer] [" + P1 + "] [endpoint] [[2001:db8::1]:51820]",
                "wg [set] [wg-mgmt] [peer] [" + P1 + "] [preshared-key] [" + root + PSK + "]",
                "wg [set] [wg-mgmt] [peer] [" + P1 + "]",
                "wg [set] [wg-mgmt] [private-key] [" + root + KEY + "]",
                "wg [set] [wg-mgmt] [peer] [" + P2 + "] [preshared-key] [" + root + PSK + "]",
                "wg [set] [wg-mgmt] [peer] [" + P1 + "] [allowed-ips] [10.200.0.1/32,fd00::1/128] [persistent-keepalive] [25] [peer] ["
                        + P2 + "] [remove]",
                "wg [set] [wg-mgmt] [peer] [" + P1 + "] [allowed-ips] [10.200.0.1/32] [peer] [" + P2 + "] [remove]",
                "wg [set] [wg-mgmt] [peer] [" + P2 + "] [allowed-ips] [10.200.0.1/32] [endpoint] [203.0.113.10:51820] "
                        + "[persistent-keepalive] [25] [preshared-key] [" + root + PSK + "] [peer] [" + P1 + "] [remove]",
                "wg [set] [wg-mgmt] [peer] [" + P2 + "] [allowed-ips] [10.200.0.1/32,10.9.0.0/16] [peer] [" + P1 + "] [remove]",
                "wg [set] [wg-mgmt] [peer] [" + P1 + "] [remove]");
        RotationResult r = RotationResult.parse(run.stdout());
        assertThat(r.swappedAt(IF)).isPresent();
        assertThat(r.swappedAt(IF).getAsLong()).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
        assertThat(run.stdout()).contains("@@staged wg-mgmt " + P1, "@@moved wg-mgmt " + P1, "@@restored wg-mgmt " + P2,
                "@@unstaged wg-mgmt " + P1);
    }

    @Test
    void aLiveStepOnAnInterfaceThatIsDownFailsBeforeAnyWgSet() {
        assertFailed(run(new RotationOp.Stage(IF, P1, "", "")), "interface wg-mgmt is not up: run wgform apply first");
        assertFailed(run(new RotationOp.LiveKey(IF, KEY)), "interface wg-mgmt is not up");
        assertThat(rawCalls("wg [set]")).isEmpty();
    }

    @Test
    void unstagingFromAnInterfaceThatIsDownHasNothingToDo() {
        FakeHost.Run run = run(new RotationOp.Unstage(IF, P1));

        assertThat(run.exit()).isZero();
        assertThat(run.stdout()).contains("@@unstaged wg-mgmt " + P1);
        assertThat(rawCalls("wg [set]")).isEmpty();
    }

    @Test
    void aFailingWgSetStopsTheStepWithItsReasonRedactedAndNoEnd() {
        host.up(IF, "");

        FakeHost.Run run = run(Map.of("FAKE_FAIL", "wg-set"), new RotationOp.Move(IF, P1, P2, List.of("10.200.0.1/32"), 0),
                new RotationOp.Unstage(IF, P3));

        assertFailed(run, "cannot move a peer to its new key on wg-mgmt: fake wg set failure for peer (redacted)");
        assertThat(run.stdout()).doesNotContain(P1).doesNotContain("@@moved").doesNotContain("@@unstaged");
        assertThat(rawCalls("wg [set]")).hasSize(1);
        assertThat(host.tempFiles()).isEmpty();
        assertThat(host.path("/var/lib/wgform").toFile().list()).containsExactly("lock");
    }

    // --- verification

    @Test
    void awaitReportsHandshakesAfterTheSwapAndSilentPeersWhenTheTimeoutPasses() {
        host.up(IF, "");
        handshakes(P1 + "\t2000", P2 + "\t999", P3 + "\t0", P4 + "\t1000");

        long start = System.nanoTime();
        FakeHost.Run run = run(new RotationOp.AwaitHandshakes(IF, 1000, 0, List.of(new RotationOp.Probe(P1, "10.200.0.2"),
                new RotationOp.Probe(P2, "10.200.0.3"), new RotationOp.Probe(P3, "10.200.0.4"), new RotationOp.Probe(P4, "10.200.0.5"),
                new RotationOp.Probe("E".repeat(43) + "=", "10.200.0.6"))));

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000);
        assertThat(run.exit()).isZero();
        RotationResult r = RotationResult.parse(run.stdout());
        assertThat(r.handshakes()).containsExactly(Map.entry(IF + " " + P1, 2000L), Map.entry(IF + " " + P4, 1000L));
        assertThat(r.silent()).containsExactly(IF + " " + P2, IF + " " + P3, IF + " " + "E".repeat(43) + "=");
    }

    @Test
    void aPeerThatNeverHandshookIsNotFreshEvenAgainstASwapTimeOfZero() {
        host.up(IF, "");
        handshakes(P1 + "\t0", P2 + "\t5");

        RotationResult r = RotationResult.parse(run(new RotationOp.AwaitHandshakes(IF, 0, 0,
                List.of(new RotationOp.Probe(P1, "10.200.0.2"), new RotationOp.Probe(P2, "10.200.0.3")))).stdout());

        assertThat(r.handshook(IF, P1)).as("wg prints 0 for a peer it never heard from").isFalse();
        assertThat(r.silent()).containsExactly(IF + " " + P1);
        assertThat(r.handshook(IF, P2)).isTrue();
    }

    @Test
    void whileWaitingOnlyTheSilentPeersArePinged() {
        host.up(IF, "");
        handshakes(P1 + "\t2000", P2 + "\t10");

        FakeHost.Run run = run(new RotationOp.AwaitHandshakes(IF, 1000, 1,
                List.of(new RotationOp.Probe(P1, "10.200.0.2"), new RotationOp.Probe(P2, "10.200.0.3"))));

        assertThat(run.exit()).isZero();
        assertThat(rawCalls("ping")).isNotEmpty().allSatisfy(c -> assertThat(c).isEqualTo("ping [-c] [1] [-W] [1] [10.200.0.3]"));
        assertThat(RotationResult.parse(run.stdout()).silent()).containsExactly(IF + " " + P2);
    }

    @Test
    void awaitWithNoPeersPrintsNothingButItsEnd() {
        host.up(IF, "");

        assertThat(run(new RotationOp.AwaitHandshakes(IF, 1000, 0, List.of())).stdout()).isEqualTo("@@end\n");
    }

    @Test
    void pingsReportOkFailOrNoPing() throws IOException {
        assertThat(run(new RotationOp.Ping("10.200.0.2", 0)).stdout()).isEqualTo("@@ping 10.200.0.2 fail\n@@end\n");
        assertThat(run(Map.of("FAKE_PING_EXIT", "0"), new RotationOp.Ping("fd00::2", 0)).stdout()).isEqualTo("@@ping fd00::2 ok\n@@end\n");

        FakeHost.Run noPing = run(Map.of("PATH", toolsWithoutPing().toString()), new RotationOp.Ping("10.200.0.2", 5));
        assertThat(noPing.stdout()).isEqualTo("@@ping 10.200.0.2 noping\n@@end\n");
        assertThat(RotationResult.parse(noPing.stdout()).pings()).containsExactly(Map.entry("10.200.0.2", "noping"));
    }

    // --- the lock and the secrets

    @Test
    void aHostLockedByAnotherRunIsRefusedNamingTheHolderAndNothingIsDone() throws Exception {
        String old = host.genKey(KEY);
        host.genKey(KEY + ".next");
        Path lock = host.path("/var/lib/wgform/lock");
        Files.createDirectories(lock.getParent());
        Files.writeString(lock, "bob@laptop pid 77 since 2026-01-01T00:00:00Z\n");
        Process holder = new ProcessBuilder("flock", lock.toString(), "-c", "echo held; exec sleep 30").redirectErrorStream(true).start();
        try {
            String first = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(first).isEqualTo("held");

            FakeHost.Run run = run(new RotationOp.Promote(KEY));

            assertFailed(run, "another wgform run is in progress on this host: bob@laptop pid 77 since 2026-01-01T00:00:00Z");
            assertThat(host.read(KEY)).isEqualTo(old + "\n");
            assertThat(host.exists(KEY + ".prev")).isFalse();
        } finally {
            holder.descendants().forEach(ProcessHandle::destroyForcibly);
            holder.destroyForcibly();
            holder.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void theNextPskIsWrittenFromTheHeredocAndNeverPrinted() {
        host.up(IF, "");
        host.write(PSK, FakeHost.realWg("genpsk", "") + "\n", "rw-------");
        Secret psk = Secret.randomPsk();
        String secret = psk.base64ForTransfer();
        RotationOp.PushNextPsk push = new RotationOp.PushNextPsk(PSK, psk);

        FakeHost.Run run = run(push, new RotationOp.Stage(IF, P1, "203.0.113.10:51820", PSK + ".next"));

        assertThat(run.exit()).isZero();
        assertThat(host.read(PSK + ".next")).isEqualTo(secret + "\n");
        assertThat(host.mode(PSK + ".next")).isEqualTo("rw-------");
        assertThat(run.stdout()).contains("@@psk " + PSK + ".next " + new PskPush(IF, "node-b", PSK, psk).expectedHash());
        assertThat(run.stdout()).doesNotContain(secret);
        assertThat(run.stderr()).doesNotContain(secret);
        assertThat(String.join("\n", rawCalls(""))).doesNotContain(secret);
        RotationResult.parse(run.stdout());
    }

    @Test
    void aWholeSwapOnOneHostLeavesNoSecretInItsOutput() {
        host.up(IF, "");
        String old = host.genKey(KEY);
        host.write(PSK, FakeHost.realWg("genpsk", "") + "\n", "rw-------");
        String oldPsk = host.read(PSK).strip();
        run(new RotationOp.Prepare(IF, KEY, true));
        String next = host.read(KEY + ".next").strip();
        Secret psk = Secret.randomPsk();
        run(new RotationOp.PushNextPsk(PSK, psk));

        FakeHost.Run swap = run(new RotationOp.Promote(KEY), new RotationOp.LiveKey(IF, KEY), new RotationOp.Promote(PSK),
                new RotationOp.LivePsk(IF, P2, PSK));
        FakeHost.Run commit = run(new RotationOp.Drop(KEY + ".prev"), new RotationOp.Drop(PSK + ".prev"));

        assertThat(swap.exit()).isZero();
        assertThat(commit.exit()).isZero();
        assertThat(host.read(KEY)).isEqualTo(next + "\n");
        assertThat(host.read(PSK)).isEqualTo(psk.base64ForTransfer() + "\n");
        assertThat(host.exists(KEY + ".prev")).isFalse();
        assertThat(host.exists(PSK + ".prev")).isFalse();
        for (String secret : List.of(old, next, oldPsk, psk.base64ForTransfer())) {
            assertThat(swap.stdout() + swap.stderr() + commit.stdout() + commit.stderr()).doesNotContain(secret);
        }
    }

    @Test
    void staleTempFilesOfAKilledRotationAreRemoved() {
        host.genKey(KEY);
        host.write("/etc/wireguard/keys/.wgform.Zz9xY1", "half a key", "rw-------");

        run(new RotationOp.Drop(KEY + ".prev"));

        assertThat(host.tempFiles()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash --posix", "busybox sh"})
    void theRotationLibraryBehavesTheSameUnderEveryShell(String shell) {
        host.up(IF, "");
        String old = host.genKey(KEY);
        handshakes(P1 + "\t2000", P2 + "\t0");
        Secret psk = Secret.randomPsk();
        String script = RotationScript.build(List.of(
                new RotationOp.Prepare(IF, KEY, true),
                new RotationOp.PushNextPsk(PSK, psk),
                new RotationOp.Stage(IF, P1, "203.0.113.10:51820", PSK + ".next"),
                new RotationOp.Promote(KEY),
                new RotationOp.LiveKey(IF, KEY),
                new RotationOp.Restore(IF, P2, P1, List.of("10.200.0.1/32"), "203.0.113.10:51820", 25, PSK),
                new RotationOp.AwaitHandshakes(IF, 1000, 0, List.of(new RotationOp.Probe(P1, "10.200.0.2"), new RotationOp.Probe(P2, "10.200.0.3"))),
                new RotationOp.Ping("10.200.0.2", 0)));

        FakeHost.Run run = host.run(script, Map.of(), List.of(shell.split(" ")));

        assertThat(run.exit()).as(run.stderr()).isZero();
        RotationResult r = RotationResult.parse(run.stdout());
        assertThat(r.currentKeys()).containsEntry(IF, pub(old));
        assertThat(r.nextKey(IF)).contains(pub(host.read(KEY).strip()));
        assertThat(host.read(KEY + ".prev")).isEqualTo(old + "\n");
        assertThat(r.handshakes()).containsOnlyKeys(IF + " " + P1);
        assertThat(r.silent()).containsExactly(IF + " " + P2);
        assertThat(r.pings()).containsExactly(Map.entry("10.200.0.2", "fail"));
        String root = host.root.toString();
        assertThat(rawCalls("wg [set]")).containsExactly(
                "wg [set] [wg-mgmt] [peer] [" + P1 + "] [endpoint] [203.0.113.10:51820] [preshared-key] [" + root + PSK + ".next]",
                "wg [set] [wg-mgmt] [private-key] [" + root + KEY + "]",
                "wg [set] [wg-mgmt] [peer] [" + P2 + "] [allowed-ips] [10.200.0.1/32] [endpoint] [203.0.113.10:51820] "
                        + "[persistent-keepalive] [25] [preshared-key] [" + root + PSK + "] [peer] [" + P1 + "] [remove]");
        assertThat(run.stdout() + run.stderr()).doesNotContain(psk.base64ForTransfer()).doesNotContain(old);
        assertThat(host.tempFiles()).isEmpty();
    }

    /** A PATH with the tools the script needs, and no ping. */
    private Path toolsWithoutPing() throws IOException {
        Path minimal = Files.createDirectories(host.dir.resolve("noping"));
        for (String tool : List.of("id", "mkdir", "chmod", "chown", "mktemp", "mv", "rm", "cat", "flock", "date", "sleep", "tail",
                "tr", "sed", "cut")) {
            for (String d : List.of("/usr/bin", "/bin", "/usr/sbin")) {
                Path real = Paths.get(d, tool);
                if (Files.isExecutable(real)) {
                    Files.createSymbolicLink(minimal.resolve(tool), real);
                    break;
                }
            }
        }
        return minimal;
    }
}
