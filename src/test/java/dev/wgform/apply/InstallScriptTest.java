package dev.wgform.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.apply.InstallResult.Status;
import dev.wgform.crypto.Secret;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Install scripts run for real (sh -s) against a temp root with fake wg, wg-quick, nft, sshd and systemctl. */
class InstallScriptTest {
    static final String CONF = "/etc/wireguard/wg-mgmt.conf";
    static final String KEY = "/etc/wireguard/keys/wg-mgmt.key";
    static final String PEER_B = "YmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmI=";
    static final String PEER_C = "Y2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2M=";

    private final FakeHost host = new FakeHost();

    @AfterEach
    void cleanUp() {
        host.close();
    }

    static String conf(String... peers) {
        StringBuilder s = new StringBuilder("[Interface]\nAddress = 10.200.0.1/24\nListenPort = 51820\nPrivateKey = {{wgform-secret:" + KEY + "}}\n");
        for (String p : peers) s.append("\n[Peer]\nPublicKey = ").append(p).append("\nAllowedIPs = 10.200.0.2/32\n");
        return s.toString();
    }

    /** The calls of bringing an interface of {@link #conf} up without wg-quick (its address; no endpoints, so MTU 1420). */
    static List<String> quickUp(String iface) {
        return List.of("ip link add " + iface + " type wireguard", "wg setconf " + iface,
                "ip -batch: address add 10.200.0.1/24 dev " + iface + "; link set mtu 1420 up dev " + iface);
    }

    /** What an interface of {@link #conf} runs: the config less wg-quick's own keys (here, Address). */
    static String running(String conf) {
        return conf.replaceAll("(?m)^Address = [^\n]*\n", "");
    }

    static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static String filled(String template, String key) {
        return template.replace("{{wgform-secret:" + KEY + "}}", key);
    }

    static InstallRequest request(List<FileWrite> writes, List<InterfaceStep> ifaces) {
        return new InstallRequest("run-1", writes, List.of(), ifaces, List.of(), Optional.empty(), "{\"version\":1}\n", true);
    }

    InstallResult install(InstallRequest req) {
        FakeHost.Run run = host.run(InstallScript.build(req));
        return InstallResult.parse(run.stdout(), run.exit());
    }

    @Test
    void newConfigIsWrittenFilledAndBroughtUp() {
        String key = host.genKey(KEY);
        InstallResult r = install(request(List.of(new FileWrite(CONF, conf(PEER_B), 0600, "wg")),
                List.of(new InterfaceStep("wg-mgmt", InterfaceAction.UP, true, 1))));

        assertThat(r.status()).as(r.toString()).isEqualTo(Status.OK);
        assertThat(host.read(CONF)).isEqualTo(filled(conf(PEER_B), key));
        assertThat(host.mode(CONF)).isEqualTo("rw-------");
        assertThat(host.calls()).containsExactlyElementsOf(concat(quickUp("wg-mgmt"), List.of("systemctl enable wg-quick@wg-mgmt")));
        assertThat(host.read("/var/lib/wgform/manifest.json")).isEqualTo("{\"version\":1}\n");
        assertThat(r.steps()).extracting(StepResult::name)
                .containsExactly("write:" + CONF, "up:wg-mgmt", "verify:wg-mgmt", "manifest");
        assertThat(host.tempFiles()).isEmpty();
    }

    static final String SSHD = "/etc/ssh/sshd_config.d/wgform.conf";
    static final String NFT = "/etc/nftables.d/wgform.nft";
    static final ServiceStep SSHD_STEP = new ServiceStep("sshd", Optional.of("sshd -t"), "systemctl reload ssh");

    /** A host with wg-mgmt configured for PEER_B, up, enabled, and the config's mode 0640 (to see modes restored). */
    String hostWithMgmtUp() {
        String key = host.genKey(KEY);
        host.write(CONF, filled(conf(PEER_B), key), "rw-r-----");
        host.up("wg-mgmt", filled(conf(PEER_B), key));
        host.enabled("wg-quick@wg-mgmt");
        return key;
    }

    @Test
    void peersOnlyChangeIsLiveSyncedFromACompleteStrippedConfig() {
        String key = hostWithMgmtUp();
        InstallResult r = install(request(List.of(new FileWrite(CONF, conf(PEER_B, PEER_C), 0600, "wg")),
                List.of(new InterfaceStep("wg-mgmt", InterfaceAction.LIVE_SYNC, true, 2))));

        assertThat(r.status()).as(r.toString()).isEqualTo(Status.OK);
        List<String> calls = host.calls();
        assertThat(calls).hasSize(2); // enabled already: no systemctl call
        assertThat(calls.get(0)).isEqualTo("wg-quick strip " + CONF);
        assertThat(calls.get(1)).matches("wg syncconf wg-mgmt /etc/wireguard/\\.wgform\\.\\w{6}");
        List<String> synced = host.synced("wg-mgmt");
        assertThat(synced).hasSize(1);
        assertThat(synced.get(0)).contains("PrivateKey = " + key, "PublicKey = " + PEER_B, "PublicKey = " + PEER_C)
                .doesNotContain("Address");
        assertThat(host.mode(CONF)).isEqualTo("rw-------");
        assertThat(host.tempFiles()).isEmpty();
        assertThat(host.read("/var/lib/wgform/backup/run-1" + CONF)).isEqualTo(filled(conf(PEER_B), key));
    }

    @Test
    void failedStripIsNeverSyncedAndTheOldFileComesBackByteForByte() {
        String key = hostWithMgmtUp();
        String before = host.read(CONF);
        FakeHost.Run run = host.run(InstallScript.build(request(List.of(new FileWrite(CONF, conf(PEER_B, PEER_C), 0600, "wg")),
                List.of(new InterfaceStep("wg-mgmt", InterfaceAction.LIVE_SYNC, true, 2)))), Map.of("FAKE_FAIL", "wg-quick-strip"));
        InstallResult r = InstallResult.parse(run.stdout(), run.exit());

        assertThat(r.status()).isEqualTo(Status.ROLLED_BACK);
        assertThat(r.phase()).contains("effects");
        assertThat(r.message()).contains("wg-quick strip failed, nothing synced");
        assertThat(host.calls()).noneMatch(c -> c.startsWith("wg syncconf")).noneMatch(c -> c.startsWith("wg-quick down"));
        assertThat(host.read(CONF)).isEqualTo(before);
        assertThat(host.mode(CONF)).isEqualTo("rw-r-----");
        assertThat(host.running("wg-mgmt")).isEqualTo(filled(conf(PEER_B), key));
        assertThat(host.exists("/var/lib/wgform/manifest.json")).isFalse();
        assertThat(host.tempFiles()).isEmpty();
        assertNoSecret(run, key);
    }

    @Test
    void verifyFailureRestoresOldFilesAndModesAndResyncsTheOldPeers() {
        String key = hostWithMgmtUp();
        host.write(SSHD, "ListenAddress 203.0.113.10\n", "rw-r--r--");
        host.peersOverride("wg-mgmt", PEER_B); // the kernel "keeps" one peer whatever is synced
        InstallResult r = install(new InstallRequest("run-1",
                List.of(new FileWrite(CONF, conf(PEER_B, PEER_C), 0600, "wg"), new FileWrite(SSHD, "ListenAddress 10.200.0.1\n", 0644, "service:sshd")),
                List.of(), List.of(new InterfaceStep("wg-mgmt", InterfaceAction.LIVE_SYNC, true, 2)), List.of(SSHD_STEP),
                Optional.empty(), "{}", true));

        assertThat(r.status()).as(r.toString()).isEqualTo(Status.ROLLED_BACK);
        assertThat(r.phase()).contains("verify");
        assertThat(r.message()).isEqualTo("wg-mgmt has 1 peers, expected 2");
        assertThat(host.read(CONF)).isEqualTo(filled(conf(PEER_B), key));
        assertThat(host.mode(CONF)).isEqualTo("rw-r-----");
        assertThat(host.read(SSHD)).isEqualTo("ListenAddress 203.0.113.10\n");
        assertThat(host.mode(SSHD)).isEqualTo("rw-r--r--");
        List<String> synced = host.synced("wg-mgmt");
        assertThat(synced).hasSize(2);
        assertThat(synced.get(1)).contains("PrivateKey = " + key, PEER_B).doesNotContain(PEER_C);
        // sshd was reloaded with the new file, so it is validated and reloaded again with the old one
        assertThat(host.calls()).containsSubsequence("sshd -t", "systemctl reload ssh", "sshd -t", "systemctl reload ssh");
        assertThat(r.steps()).extracting(StepResult::name).contains("rollback:restore:" + CONF, "rollback:restore:" + SSHD,
                "rollback:live-sync:wg-mgmt", "rollback:service:sshd");
        assertThat(r.failedSteps()).extracting(StepResult::name).containsExactly("verify:wg-mgmt");
    }

    @Test
    void invalidFirewallIsNeverLoadedAndIsRolledBack() {
        host.write(NFT, "table inet wgform\nflush table inet wgform\n", "rw-r--r--");
        FakeHost.Run run = host.run(InstallScript.build(new InstallRequest("run-1", List.of(new FileWrite(NFT, "table inet wgform {junk\n", 0644, "firewall")),
                List.of(), List.of(), List.of(), Optional.of(FirewallStep.nftables(NFT, "inet wgform")), "{}", true)), Map.of("FAKE_FAIL", "nft-check"));
        InstallResult r = InstallResult.parse(run.stdout(), run.exit());

        assertThat(r.status()).isEqualTo(Status.ROLLED_BACK);
        assertThat(r.message()).startsWith("nftables validation failed, nothing loaded: ").contains("syntax error");
        assertThat(host.calls()).containsExactly("nft -c -f " + NFT);
        assertThat(host.read(NFT)).isEqualTo("table inet wgform\nflush table inet wgform\n");
    }

    @Test
    void keyAndPskFilesLoosenedByHandGoBackTo0600() {
        String key = "/etc/wireguard/keys/wg-mgmt.key";
        String psk = "/etc/wireguard/keys/wg-mgmt/node-b.psk";
        host.write(key, "secret-key\n", "rw-r--r--");
        host.write(psk, "secret-psk\n", "rw-r-----");
        InstallResult r = install(new InstallRequest("run-1", List.of(), List.of(), List.of(), List.of(), Optional.empty(), "{}", true,
                List.of(), List.of(key, psk)));

        assertThat(r.status()).isEqualTo(Status.OK);
        assertThat(host.mode(key)).isEqualTo("rw-------");
        assertThat(host.mode(psk)).isEqualTo("rw-------");
        assertThat(host.read(key)).isEqualTo("secret-key\n"); // only the mode changes
    }

    @Test
    void validFirewallIsCheckedThenLoaded() {
        InstallResult r = install(new InstallRequest("run-1", List.of(new FileWrite(NFT, "table inet wgform {}\n", 0644, "firewall")),
                List.of(), List.of(), List.of(), Optional.of(FirewallStep.nftables(NFT, "inet wgform")), "{}", true));

        assertThat(r.status()).isEqualTo(Status.OK);
        // after the load, the live table's hash is recorded for drift detection
        assertThat(host.calls()).containsExactly("nft -c -f " + NFT, "nft -f " + NFT, "nft -s list table inet wgform");
        assertThat(host.mode(NFT)).isEqualTo("rw-r--r--");
    }

    @Test
    void firewallLoadedThenALaterFailureLoadsTheOldFileOrDropsANewTable() {
        FakeHost.Run run = host.run(InstallScript.build(new InstallRequest("run-1",
                List.of(new FileWrite(NFT, "table inet wgform {}\n", 0644, "firewall"), new FileWrite(SSHD, "ListenAddress 10.200.0.1\n", 0644, "service:sshd")),
                List.of(), List.of(), List.of(SSHD_STEP), Optional.of(FirewallStep.nftables(NFT, "inet wgform")), "{}", true)),
                Map.of("FAKE_FAIL", "sshd-t"));
        InstallResult r = InstallResult.parse(run.stdout(), run.exit());

        assertThat(r.status()).isEqualTo(Status.ROLLED_BACK);
        assertThat(host.exists(NFT)).isFalse();
        assertThat(host.calls()).containsExactly("nft -c -f " + NFT, "nft -f " + NFT, "nft -s list table inet wgform", "sshd -t",
                "nft list table inet wgform", "nft delete table inet wgform", "nft -s list table inet wgform");
    }

    static final String ZONE = "/etc/firewalld/zones/wgform-planes.xml";

    @Test
    void firewalldIsCheckedThenReloadedAndNotReloadedWhenTheCheckFails() {
        InstallRequest req = new InstallRequest("run-1", List.of(new FileWrite(ZONE, "<zone/>\n", 0644, "firewall")),
                List.of(), List.of(), List.of(), Optional.of(FirewallStep.firewalld()), "{}", true);
        FakeHost.Run bad = host.run(InstallScript.build(req), Map.of("FAKE_FAIL", "firewalld-check"));

        assertThat(InstallResult.parse(bad.stdout(), bad.exit()).message()).startsWith("firewalld validation failed, nothing loaded: ")
                .contains("INVALID_ZONE");
        assertThat(host.calls()).containsExactly("firewall-cmd --check-config");
        assertThat(host.exists(ZONE)).isFalse();

        assertThat(install(req).status()).isEqualTo(Status.OK);
        assertThat(host.calls()).endsWith("firewall-cmd --check-config", "firewall-cmd --reload");
        assertThat(host.read(ZONE)).isEqualTo("<zone/>\n");
    }

    @Test
    void removedNftablesFileDropsItsTableAndComesBackOnRollback() {
        host.write(NFT, "table inet wgform {}\n", "rw-r--r--");
        host.write(SSHD, "old\n", "rw-r--r--");
        FakeHost.Run run = host.run(InstallScript.build(new InstallRequest("run-1", List.of(new FileWrite(SSHD, "new\n", 0644, "service:sshd")),
                List.of(NFT), List.of(), List.of(SSHD_STEP), Optional.of(FirewallStep.nftablesRemoved(NFT, "inet wgform")), "{}", true)),
                Map.of("FAKE_FAIL", "sshd-t"));

        assertThat(InstallResult.parse(run.stdout(), run.exit()).status()).isEqualTo(Status.ROLLED_BACK);
        assertThat(host.calls()).containsExactly("nft list table inet wgform", "nft -s list table inet wgform", "sshd -t", "nft -f " + NFT, "nft -s list table inet wgform");
        assertThat(host.read(NFT)).isEqualTo("table inet wgform {}\n");
    }

    @Test
    void sshdValidationFailureMeansNoReloadAndTheDropInIsRolledBack() {
        host.write(SSHD, "ListenAddress 203.0.113.10\n", "rw-r--r--");
        FakeHost.Run run = host.run(InstallScript.build(new InstallRequest("run-1",
                List.of(new FileWrite(SSHD, "ListenAdress 10.200.0.1\n", 0644, "service:sshd")), List.of(), List.of(), List.of(SSHD_STEP),
                Optional.empty(), "{}", true)), Map.of("FAKE_FAIL", "sshd-t"));
        InstallResult r = InstallResult.parse(run.stdout(), run.exit());

        assertThat(r.status()).isEqualTo(Status.ROLLED_BACK);
        assertThat(r.message()).startsWith("validation failed (sshd -t), not reloaded: ").contains("Bad configuration option");
        assertThat(host.calls()).containsExactly("sshd -t");
        assertThat(host.read(SSHD)).isEqualTo("ListenAddress 203.0.113.10\n");
        assertThat(run.exit()).isEqualTo(1);
    }

    @Test
    void failedReloadRemovesTheNewDropInAndSaysTheRollbackReloadFailedToo() {
        FakeHost.Run run = host.run(InstallScript.build(new InstallRequest("run-1",
                List.of(new FileWrite(SSHD, "ListenAddress 10.200.0.1\n", 0644, "service:sshd")), List.of(), List.of(), List.of(SSHD_STEP),
                Optional.empty(), "{}", true)), Map.of("FAKE_FAIL", "systemctl-reload"));
        InstallResult r = InstallResult.parse(run.stdout(), run.exit());

        assertThat(r.status()).isEqualTo(Status.ROLLBACK_INCOMPLETE);
        assertThat(run.exit()).isEqualTo(2);
        assertThat(r.message()).startsWith("reload failed (systemctl reload ssh): ").contains("Job for ssh failed");
        assertThat(host.exists(SSHD)).isFalse();
        assertThat(r.steps()).extracting(StepResult::name).contains("rollback:remove:" + SSHD);
        assertThat(r.failedSteps()).extracting(StepResult::name).containsExactly("service:sshd", "rollback:service:sshd");
    }

    @Test
    void restartGoesDownWithTheOldConfigAndUpWithTheNew() {
        String key = hostWithMgmtUp();
        String newConf = conf(PEER_B).replace("ListenPort = 51820", "ListenPort = 51830");
        InstallResult r = install(request(List.of(new FileWrite(CONF, newConf, 0600, "wg")),
                List.of(new InterfaceStep("wg-mgmt", InterfaceAction.RESTART, true, 1))));

        assertThat(r.status()).as(r.toString()).isEqualTo(Status.OK);
        assertThat(host.calls()).containsExactlyElementsOf(concat(List.of("wg-quick down /var/lib/wgform/backup/run-1" + CONF), quickUp("wg-mgmt")));
        assertThat(host.running("wg-mgmt")).isEqualTo(running(filled(newConf, key)));
    }

    @Test
    void aPlaceholderLeftInAStagedFileStopsTheRunBeforeAnythingIsInstalled() {
        host.genKey(KEY);
        String broken = "PrivateKey = {{wgform-secret:/etc/wireguard/keys/oops.key\n"; // no closing braces: never filled
        InstallResult r = install(request(List.of(new FileWrite(CONF, conf(PEER_B), 0600, "wg"),
                new FileWrite("/etc/wireguard/wg-data.conf", broken, 0600, "wg")), List.of()));

        assertThat(r.status()).as(r.toString()).isEqualTo(Status.ROLLED_BACK);
        assertThat(r.failedSteps()).extracting(StepResult::name).containsExactly("write:/etc/wireguard/wg-data.conf");
        assertThat(r.message()).isEqualTo("a secret placeholder is left in the file");
        assertThat(host.exists(CONF)).isFalse();
        assertThat(host.tempFiles()).isEmpty();
    }

    @Test
    void failedUpOfANewInterfaceRemovesItsConfigAndDisablesNothingItDidNotEnable() {
        host.genKey(KEY);
        FakeHost.Run run = host.run(InstallScript.build(request(List.of(new FileWrite(CONF, conf(PEER_B), 0600, "wg")),
                List.of(new InterfaceStep("wg-mgmt", InterfaceAction.UP, true, 1)))), Map.of("FAKE_FAIL", "wg-setconf"));
        InstallResult r = InstallResult.parse(run.stdout(), run.exit());

        assertThat(r.status()).isEqualTo(Status.ROLLED_BACK);
        assertThat(r.message()).startsWith("cannot bring it up: ").contains("fake wg setconf failure");
        assertThat(host.exists(CONF)).isFalse();
        assertThat(host.isUp("wg-mgmt")).isFalse();
        // the half-made interface goes at once, as wg-quick's own clean-up does
        assertThat(host.calls()).containsExactly("ip link add wg-mgmt type wireguard", "wg setconf wg-mgmt", "ip link delete dev wg-mgmt");
    }

    @Test
    void removedInterfaceGoesDownWhileItsFileExistsThenTheFileGoes() {
        hostWithMgmtUp();
        InstallResult r = install(new InstallRequest("run-1", List.of(), List.of(CONF),
                List.of(new InterfaceStep("wg-mgmt", InterfaceAction.DOWN, false, 0)), List.of(), Optional.empty(), "{}", true));

        assertThat(r.status()).as(r.toString()).isEqualTo(Status.OK);
        assertThat(host.calls()).containsExactly("wg-quick down " + CONF, "systemctl disable wg-quick@wg-mgmt");
        assertThat(host.exists(CONF)).isFalse();
        assertThat(host.isUp("wg-mgmt")).isFalse();
        assertThat(host.isEnabled("wg-quick@wg-mgmt")).isFalse();
        assertThat(r.steps()).extracting(StepResult::name).containsExactly("down:wg-mgmt", "delete:" + CONF, "verify:wg-mgmt", "manifest");
    }

    @Test
    void removedInterfaceComesBackUpAndEnabledWhenALaterStepFails() {
        String key = hostWithMgmtUp();
        String before = host.read(CONF);
        FakeHost.Run run = host.run(InstallScript.build(new InstallRequest("run-1",
                List.of(new FileWrite(SSHD, "x\n", 0644, "service:sshd")), List.of(CONF),
                List.of(new InterfaceStep("wg-mgmt", InterfaceAction.DOWN, false, 0)), List.of(SSHD_STEP), Optional.empty(), "{}", true)),
                Map.of("FAKE_FAIL", "sshd-t"));
        InstallResult r = InstallResult.parse(run.stdout(), run.exit());

        assertThat(r.status()).isEqualTo(Status.ROLLED_BACK);
        assertThat(host.read(CONF)).isEqualTo(before);
        assertThat(host.mode(CONF)).isEqualTo("rw-r-----");
        assertThat(host.isUp("wg-mgmt")).isTrue();
        assertThat(host.running("wg-mgmt")).isEqualTo(running(filled(conf(PEER_B), key)));
        assertThat(host.isEnabled("wg-quick@wg-mgmt")).isTrue();
        assertThat(host.exists(SSHD)).isFalse();
    }

    @Test
    void withoutSystemdNothingIsEnabled() {
        host.genKey(KEY);
        InstallResult r = install(new InstallRequest("run-1", List.of(new FileWrite(CONF, conf(PEER_B), 0600, "wg")), List.of(),
                List.of(new InterfaceStep("wg-mgmt", InterfaceAction.UP, true, 1)), List.of(), Optional.empty(), "{}", false));

        assertThat(r.status()).isEqualTo(Status.OK);
        assertThat(host.calls()).containsExactlyElementsOf(quickUp("wg-mgmt"));
    }

    @Test
    void missingKeyFileFailsWhileStagingAndChangesNothing() {
        host.write(CONF, "old\n", "rw-------");
        InstallResult r = install(request(List.of(new FileWrite(CONF, conf(PEER_B), 0600, "wg")),
                List.of(new InterfaceStep("wg-mgmt", InterfaceAction.RESTART, true, 1))));

        assertThat(r.status()).isEqualTo(Status.ROLLED_BACK);
        assertThat(r.phase()).contains("stage");
        assertThat(r.message()).isEqualTo("key file " + KEY + " is missing or empty on this host");
        assertThat(host.read(CONF)).isEqualTo("old\n");
        assertThat(host.calls()).isEmpty();
        assertThat(host.tempFiles()).isEmpty();
    }

    @Test
    void everyPlaceholderIsFilledFromItsKeyFileAndTheLastLineKeepsItsMissingNewline() {
        String key = host.genKey(KEY);
        String psk = host.genKey("/etc/wireguard/keys/wg-mgmt/node-b.psk");
        String template = "PrivateKey = {{wgform-secret:" + KEY + "}}\n# again {{wgform-secret:" + KEY + "}}{{wgform-secret:" + KEY + "}}\n"
                + "PresharedKey = {{wgform-secret:/etc/wireguard/keys/wg-mgmt/node-b.psk}}";
        InstallResult r = install(request(List.of(new FileWrite("/etc/wireguard/odd.conf", template, 0600, "wg")), List.of()));

        assertThat(r.status()).as(r.toString()).isEqualTo(Status.OK);
        assertThat(host.read("/etc/wireguard/odd.conf"))
                .isEqualTo("PrivateKey = " + key + "\n# again " + key + key + "\nPresharedKey = " + psk);
    }

    @Test
    void pskPushedWithTheInstallFillsTheConfigAndReportsItsHash() {
        String key = host.genKey(KEY);
        String pskPath = "/etc/wireguard/keys/wg-mgmt/node-b.psk";
        Secret psk = Secret.randomPsk();
        PskPush push = new PskPush("wg-mgmt", "node-b", pskPath, psk);
        String template = conf(PEER_B).replace("AllowedIPs", "PresharedKey = {{wgform-secret:" + pskPath + "}}\nAllowedIPs");
        InstallRequest req = new InstallRequest("run-1", List.of(new FileWrite(CONF, template, 0600, "wg")), List.of(),
                List.of(new InterfaceStep("wg-mgmt", InterfaceAction.UP, true, 1)), List.of(), Optional.empty(), "{}", true, List.of(push));
        String script = InstallScript.build(req);
        FakeHost.Run run = host.run(script);
        InstallResult r = InstallResult.parse(run.stdout(), run.exit());

        assertThat(r.status()).as(r.toString()).isEqualTo(Status.OK);
        assertThat(host.read(pskPath)).isEqualTo(psk.base64ForTransfer() + "\n");
        assertThat(host.mode(pskPath)).isEqualTo("rw-------");
        assertThat(host.mode("/etc/wireguard/keys/wg-mgmt")).isEqualTo("rwx------");
        assertThat(host.read(CONF)).contains("PresharedKey = " + psk.base64ForTransfer() + "\n", "PrivateKey = " + key + "\n");
        assertThat(r.pskHashes()).containsExactly(Map.entry(pskPath, push.expectedHash()));
        ScriptSecrets.assertOnlyInsideHeredocs(script, psk.base64ForTransfer());
        assertNoSecret(run, key);
        assertNoSecret(run, psk.base64ForTransfer());
    }

    @Test
    void pskWrittenWithAFailedInstallIsRolledBackWithIt() {
        host.genKey(KEY);
        String pskPath = "/etc/wireguard/keys/wg-mgmt/node-b.psk";
        String oldPsk = host.genKey(pskPath);
        Secret psk = Secret.randomPsk();
        InstallRequest req = new InstallRequest("run-1", List.of(new FileWrite(CONF, conf(PEER_B), 0600, "wg")), List.of(),
                List.of(new InterfaceStep("wg-mgmt", InterfaceAction.UP, true, 1)), List.of(), Optional.empty(), "{}", true,
                List.of(new PskPush("wg-mgmt", "node-b", pskPath, psk)));
        FakeHost.Run run = host.run(InstallScript.build(req), Map.of("FAKE_FAIL", "wg-setconf"));

        assertThat(InstallResult.parse(run.stdout(), run.exit()).status()).isEqualTo(Status.ROLLED_BACK);
        assertThat(host.read(pskPath)).isEqualTo(oldPsk + "\n");
        assertNoSecret(run, psk.base64ForTransfer());
    }

    @Test
    void realPrivateKeyNeverAppearsInOutputEvenWhenAToolEchoesIt() {
        String key = hostWithMgmtUp();
        // wg-quick up fails and prints the PrivateKey line on stderr, which is what the failure message is made of
        FakeHost.Run run = host.run(InstallScript.build(request(List.of(new FileWrite(CONF, conf(PEER_B, PEER_C), 0600, "wg")),
                List.of(new InterfaceStep("wg-mgmt", InterfaceAction.RESTART, true, 2)))),
                Map.of("FAKE_FAIL", "wg-setconf:wg-mgmt", "FAKE_ECHO_KEY", "1"));
        InstallResult r = InstallResult.parse(run.stdout(), run.exit());

        assertThat(r.status()).isEqualTo(Status.ROLLBACK_INCOMPLETE); // bringing the old config back up fails the same way
        assertThat(r.message()).startsWith("cannot bring it up: PrivateKey = (redacted)").contains("fake wg setconf failure");
        assertNoSecret(run, key);
        assertNoSecret(run, key.substring(0, 20));
    }

    @Test
    void anotherRunHoldingTheLockIsRefusedBeforeAnythingChanges() throws Exception {
        host.write(CONF, "old\n", "rw-------");
        java.nio.file.Path lock = host.path("/var/lib/wgform/lock");
        java.nio.file.Files.createDirectories(lock.getParent());
        java.nio.file.Files.writeString(lock, "alice@other-workstation pid 4242 since 2026-11-26T16:55:01Z\n");
        Process holder = new ProcessBuilder("flock", lock.toString(), "sleep", "10").start();
        try {
            Thread.sleep(300);
            InstallResult r = install(request(List.of(new FileWrite(CONF, "new\n", 0600, "wg")), List.of()));
            assertThat(r.status()).isEqualTo(Status.ROLLED_BACK);
            assertThat(r.message()).contains("another wgform run is in progress on this host: "
                    + "alice@other-workstation pid 4242 since 2026-11-26T16:55:01Z");
            assertThat(host.read(CONF)).isEqualTo("old\n");
        } finally {
            holder.destroy();
            holder.waitFor();
        }
    }

    static void assertNoSecret(FakeHost.Run run, String secret) {
        assertThat(run.stdout()).doesNotContain(secret);
        assertThat(run.stderr()).doesNotContain(secret);
    }
}
