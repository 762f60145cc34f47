package dev.wgform.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.apply.InstallResult.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The confirm watchdog run for real: install scripts under sh in a temp root with fake nft, sshd and systemctl,
 * windows of 1-2 s, the watchdog a real detached process.
 */
class ConfirmShellTest {
    static final String NFT = InstallScriptTest.NFT;
    static final String SSHD = InstallScriptTest.SSHD;
    static final String CD = "/var/lib/wgform/confirm";
    static final String OLD_NFT = "table inet wgform\nflush table inet wgform\n# old: ssh allowed\n";

    private final FakeHost host = new FakeHost();

    @AfterEach
    void cleanUp() throws IOException {
        for (long pid : watchdogPids()) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        host.close();
    }

    /** A new firewall over an old one, and a new sshd drop-in where there was none, guarded for {@code seconds}. */
    static InstallRequest guarded(String run, int seconds) {
        Optional<FirewallStep> fw = Optional.of(FirewallStep.nftables(NFT, "inet wgform"));
        List<ServiceStep> services = List.of(InstallScriptTest.SSHD_STEP);
        InstallRequest req = new InstallRequest(run,
                List.of(new FileWrite(NFT, "table inet wgform {}\n# new: drops ssh\n", 0644, "firewall"),
                        new FileWrite(SSHD, "ListenAddress 10.200.0.1\n", 0600, "service:sshd")),
                List.of(), List.of(), services, fw, "{}", true);
        return req.withConfirm(ConfirmWindow.forStep(seconds, Map.of(NFT, "firewall", SSHD, "service:sshd"), fw, services,
                java.util.Set.of("sshd")).orElseThrow());
    }

    InstallResult install(InstallRequest req, Map<String, String> env) {
        FakeHost.Run run = host.run(InstallScript.build(req), env);
        return InstallResult.parse(run.stdout(), run.exit());
    }

    List<Long> watchdogPids() throws IOException {
        Path dir = host.path(CD);
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".pid") || p.toString().endsWith(".firing"))
                    .map(p -> Long.parseLong(host.read("/" + host.root.relativize(p)).split(" ")[0])).toList();
        }
    }

    long watchdog(String run) {
        return Long.parseLong(host.read(CD + "/" + run + ".pid").split(" ")[0]);
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The watchdog has reverted and is done: its marker is there and its last files are gone (or the tree is torn down under it). */
    static void awaitReverted(FakeHost h, String run) throws InterruptedException {
        await(() -> h.exists(CD + "/" + run + ".reverted") && !h.exists(CD + "/" + run + ".firing"), "the watchdog of " + run + " reverted");
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting until " + what);
            Thread.sleep(50);
        }
    }

    @Test
    void armsADetachedWatchdogBeforeTheFirstEffectAndAConfirmStopsIt() throws Exception {
        host.write(NFT, OLD_NFT, "rw-r--r--");
        InstallResult r = install(guarded("run-1", 2), Map.of());

        assertThat(r.status()).as(r.toString()).isEqualTo(Status.OK);
        assertThat(r.steps()).extracting(StepResult::name).startsWith("write:" + NFT, "write:" + SSHD, "confirm:arm", "firewall:nftables");
        long pid = watchdog("run-1");
        assertThat(alive(pid)).as("watchdog outlives the install script").isTrue();
        assertThat(ProcessHandle.of(pid).orElseThrow().info().commandLine().orElse("")).contains("revert.sh");
        assertThat(host.read("/var/lib/wgform/backup/run-1/revert.sh")).contains("wd_restore '" + NFT + "'", "wd_main \"$1\" 2");

        FakeHost.Run confirm = host.run(ConfirmCommands.confirm("run-1"));
        assertThat(ConfirmCommands.parseConfirm(confirm.stdout())).isEqualTo(ConfirmCommands.Confirmed.OK);
        await(() -> !alive(pid), "the watchdog is gone");
        assertThat(host.exists(CD + "/run-1.pid")).isFalse();
        assertThat(host.exists(CD + "/run-1.reverted")).isFalse();
        assertThat(host.read(NFT)).contains("# new");
        assertThat(host.read(CD + "/log")).contains("run run-1: armed", "run run-1: confirmed from a new SSH session");
        // confirming twice: nothing left to stop
        assertThat(ConfirmCommands.parseConfirm(host.run(ConfirmCommands.confirm("run-1")).stdout())).isEqualTo(ConfirmCommands.Confirmed.MISSING);
        assertThat(ConfirmCommands.parseStatus(host.run(ConfirmCommands.status("run-1")).stdout()).reverted())
                .isEqualTo(ConfirmCommands.Reverted.NONE);
    }

    @Test
    void withoutAConfirmationTheHostRestoresTheOldFilesAndReloadsThemAfterTheDeadline() throws Exception {
        host.write(NFT, OLD_NFT, "rw-r--r--");
        InstallResult r = install(guarded("run-1", 1), Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(Status.OK);
        int callsAfterInstall = host.calls().size();
        assertThat(ConfirmCommands.parseStatus(host.run(ConfirmCommands.status("run-1")).stdout()).reverted())
                .isEqualTo(ConfirmCommands.Reverted.PENDING);

        awaitReverted(host, "run-1");
        assertThat(host.read(NFT)).isEqualTo(OLD_NFT);
        assertThat(host.mode(NFT)).isEqualTo("rw-r--r--");
        assertThat(host.exists(SSHD)).as("the drop-in did not exist before").isFalse();
        assertThat(host.exists("/var/lib/wgform/manifest.json")).as("the whole run undone: there was no manifest before").isFalse();
        assertThat(host.calls().subList(callsAfterInstall, host.calls().size()))
                .containsExactly("nft -f " + NFT, "nft -s list table inet wgform", "sshd -t", "systemctl reload ssh");
        assertThat(host.read(CD + "/run-1.reverted")).matches("\\d+ ok\n");
        assertThat(host.read(CD + "/log")).contains("run run-1: reverted (ok): no confirmation from a new SSH session within 1 s");
        assertThat(host.exists(CD + "/run-1.pid")).isFalse();
        assertThat(ConfirmCommands.parseConfirm(host.run(ConfirmCommands.confirm("run-1")).stdout())).isEqualTo(ConfirmCommands.Confirmed.REVERTED);
        assertThat(ConfirmCommands.parseStatus(host.run(ConfirmCommands.status("run-1")).stdout()))
                .isEqualTo(new ConfirmCommands.Status(ConfirmCommands.Reverted.DONE, ""));
    }

    @Test
    void aFailedReloadDuringTheRevertIsRecordedAsIncomplete() throws Exception {
        InstallResult r = install(guarded("run-1", 1), Map.of());
        assertThat(r.status()).isEqualTo(Status.OK);
        // the watchdog inherits the install's environment, so its sshd -t is made to fail by swapping the fake
        Files.writeString(host.bin.resolve("sshd"), "#!/bin/sh\n. \"${0%/*}/_fake.sh\"\nlog \"sshd $*\"\nexit 255\n");

        awaitReverted(host, "run-1");
        assertThat(host.exists(NFT)).isFalse();
        assertThat(host.calls()).endsWith("nft list table inet wgform", "nft delete table inet wgform", "nft -s list table inet wgform", "sshd -t");
        assertThat(ConfirmCommands.parseStatus(host.run(ConfirmCommands.status("run-1")).stdout()))
                .isEqualTo(new ConfirmCommands.Status(ConfirmCommands.Reverted.INCOMPLETE, "failed: service:sshd"));
    }

    @Test
    void aFailingInstallStepDisarmsTheWatchdogItsRollbackDoesTheRestoring() throws Exception {
        host.write(NFT, OLD_NFT, "rw-r--r--");
        InstallResult r = install(guarded("run-1", 1), Map.of("FAKE_FAIL", "sshd-t"));

        assertThat(r.status()).as(r.toString()).isEqualTo(Status.ROLLED_BACK);
        assertThat(host.exists(CD + "/run-1.pid")).isFalse();
        assertThat(host.read(CD + "/log")).contains("run run-1: disarmed: the install step rolled back");
        Thread.sleep(2500); // past the deadline: nothing more happens
        assertThat(host.exists(CD + "/run-1.reverted")).isFalse();
        assertThat(host.calls()).noneMatch(c -> c.equals("systemctl reload ssh"));
        assertThat(host.read(NFT)).isEqualTo(OLD_NFT);
        assertThat(watchdogsOf(host)).isEmpty();
    }

    @Test
    void aKilledInstallStepIsRevertedByTheWatchdog() throws Exception {
        host.write(NFT, OLD_NFT, "rw-r--r--");
        host.write("/var/lib/wgform/manifest.json", "{\"version\": 1, \"files\": []}\n", "rw-r--r--");
        FakeHost.Run run = host.run(InstallScript.build(guarded("run-1", 1)), Map.of("FAKE_KILL", "nft-check:1"));
        assertThat(run.exit()).isEqualTo(137);
        assertThat(host.read(NFT)).contains("# new"); // renamed into place, then killed before any rollback

        awaitReverted(host, "run-1");
        assertThat(host.read(NFT)).isEqualTo(OLD_NFT);
        assertThat(host.exists(SSHD)).isFalse();
        assertThat(host.read("/var/lib/wgform/manifest.json")).as("never rewritten: the step died first").isEqualTo("{\"version\": 1, \"files\": []}\n");
    }

    @Test
    void withoutAConfirmationTheWholeRunIsUndoneNotOnlyTheFirewall() throws Exception {
        // old state: the firewall, a manifest, no wg-mgmt; the run brings wg-mgmt up and changes the firewall
        host.write(NFT, OLD_NFT, "rw-r--r--");
        String oldManifest = "{\"version\": 1, \"files\": [\n  {\"path\": \"" + NFT + "\", \"kind\": \"firewall\", \"sha256\": \"old\"}\n]}\n";
        host.write("/var/lib/wgform/manifest.json", oldManifest, "rw-r--r--");
        host.genKey(InstallScriptTest.KEY);
        Optional<FirewallStep> fw = Optional.of(FirewallStep.nftables(NFT, "inet wgform"));
        InstallRequest req = new InstallRequest("run-1",
                List.of(new FileWrite(InstallScriptTest.CONF, InstallScriptTest.conf(InstallScriptTest.PEER_B), 0600, "wg"),
                        new FileWrite(NFT, "table inet wgform {}\n# new: drops ssh\n", 0644, "firewall")),
                List.of(), List.of(new InterfaceStep("wg-mgmt", InterfaceAction.UP, false, 1)), List.of(), fw, "{\"version\": 1}\n", false);
        req = req.withConfirm(ConfirmWindow.forStep(1, Map.of(NFT, "firewall", InstallScriptTest.CONF, "wg"), fw, List.of(),
                java.util.Set.of()).orElseThrow());
        InstallResult r = install(req, Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(Status.OK);
        assertThat(host.calls()).containsSubsequence(InstallScriptTest.quickUp("wg-mgmt"));
        int callsAfterInstall = host.calls().size();

        awaitReverted(host, "run-1");
        assertThat(host.read(CD + "/run-1.reverted")).matches("\\d+ ok\n");
        assertThat(host.calls().subList(callsAfterInstall, host.calls().size()))
                .as("the new interface down while its config is there, the old firewall loaded again")
                .containsExactly("wg-quick down " + InstallScriptTest.CONF, "nft -f " + NFT, "nft -s list table inet wgform");
        assertThat(host.exists(InstallScriptTest.CONF)).as("the new config is gone: it did not exist before").isFalse();
        assertThat(host.read(NFT)).isEqualTo(OLD_NFT);
        assertThat(host.read("/var/lib/wgform/manifest.json")).as("the old manifest is back").isEqualTo(oldManifest);
    }

    @Test
    void afterALostSessionTheConfirmationWaitsUntilTheInstallStepLetsGoOfTheRunLock() throws Exception {
        host.write(NFT, OLD_NFT, "rw-r--r--");
        assertThat(install(guarded("run-1", 30), Map.of()).status()).isEqualTo(Status.OK);
        // the install step's script still running, as it does when only its session broke: it holds the run lock
        Process step = new ProcessBuilder("flock", host.path("/var/lib/wgform/lock").toString(), "sleep", "20").start();
        try {
            Thread.sleep(300);
            assertThat(ConfirmCommands.parseConfirm(host.run(ConfirmCommands.confirmWhenEnded("run-1")).stdout()))
                    .isEqualTo(ConfirmCommands.Confirmed.RUNNING);
            assertThat(host.exists(CD + "/run-1.pid")).as("still armed").isTrue();
        } finally {
            step.descendants().forEach(ProcessHandle::destroy); // flock's sleep holds the lock
            step.destroy();
            step.waitFor();
            Thread.sleep(200);
        }
        assertThat(ConfirmCommands.parseConfirm(host.run(ConfirmCommands.confirmWhenEnded("run-1")).stdout()))
                .isEqualTo(ConfirmCommands.Confirmed.OK);
        assertThat(host.read(NFT)).contains("# new");
    }

    @Test
    void aSecondRunIsRefusedWhileAWatchdogWaitsAndGoesAheadOnceItIsConfirmed() throws Exception {
        assertThat(install(guarded("run-1", 30), Map.of()).status()).isEqualTo(Status.OK);
        await(() -> host.exists(CD + "/run-1.deadline"), "the watchdog's clock started");
        InstallResult second = install(guarded("run-2", 30), Map.of());

        assertThat(second.status()).isEqualTo(Status.ROLLED_BACK);
        assertThat(second.message()).startsWith("the firewall/sshd change of run run-1 was never confirmed from a new SSH session: "
                + "this host restores it by itself in about ").endsWith("s; run apply again after that");
        assertThat(host.exists("/var/lib/wgform/backup/run-2")).isFalse();

        host.run(ConfirmCommands.confirm("run-1"));
        assertThat(install(guarded("run-3", 30), Map.of()).status()).isEqualTo(Status.OK);
        host.run(ConfirmCommands.confirm("run-3"));
    }

    @Test
    void aWatchdogLostToARebootIsForgottenWithANoteAndRevertMarkersGoWithTheNextSuccess() throws Exception {
        host.write(CD + "/run-0.pid", "999999 another-boot\n", "rw-------");
        host.write(CD + "/run-00.reverted", "1700000000 ok\n", "rw-------");
        InstallResult r = install(InstallScriptTest.request(List.of(), List.of()), Map.of());

        assertThat(r.status()).as(r.toString()).isEqualTo(Status.OK);
        assertThat(host.exists(CD + "/run-0.pid")).isFalse();
        assertThat(host.exists(CD + "/run-00.reverted")).isFalse();
        assertThat(host.read(CD + "/log")).contains("run run-0: watchdog gone before it could act (host rebooted?)");
    }

    @Test
    void theWatchdogWorksUnderDashBashAndBusybox() throws Exception {
        for (String shell : List.of("dash", "bash --posix", "busybox sh")) {
            try (FakeHost h = new FakeHost()) {
                h.write(NFT, OLD_NFT, "rw-r--r--");
                FakeHost.Run run = h.run(InstallScript.build(guarded("run-1", 1)), Map.of(), List.of(shell.split(" ")));
                assertThat(InstallResult.parse(run.stdout(), run.exit()).status()).as(shell + ": " + run).isEqualTo(Status.OK);
                awaitReverted(h, "run-1");
                assertThat(h.read(NFT)).as(shell).isEqualTo(OLD_NFT);
            }
        }
    }

    @Test
    void theWatchdogHoldsNoneOfTheSessionsPipesSoTheInstallStepsOutputEnds() throws Exception {
        // over SSH the channel closes only when every holder of its pipes has closed them: the watchdog must hold none
        ProcessBuilder pb = new ProcessBuilder("sh", "-s");
        pb.environment().clear();
        pb.environment().putAll(host.env);
        pb.environment().put("WGFORM_ROOT", host.root.toString());
        pb.environment().put("FAKE_LOG", host.log.toString());
        pb.environment().put("FAKE_STATE", host.state.toString());
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write(InstallScript.build(guarded("run-1", 30)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        var stdout = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                        + new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String out = stdout.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(out).contains("@@result ok");
        assertThat(alive(watchdog("run-1"))).isTrue();
        host.run(ConfirmCommands.confirm("run-1"));
    }

    /** This fake host's watchdog processes, by their script's path. */
    private static List<String> watchdogsOf(FakeHost h) {
        String script = h.path("/var/lib/wgform/backup").toString();
        return ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse("")).filter(c -> c.contains(script)).toList();
    }
}
