package dev.wgform.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.apply.InstallResult.Status;
import dev.wgform.crypto.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Debian's sh is dash, RHEL's is bash in POSIX mode, small systems have busybox ash: the scripts must work in all three. */
class ShellPortabilityTest {
    static final String KEY = InstallScriptTest.KEY;
    static final String CONF = InstallScriptTest.CONF;
    static final String OLD = "/etc/wireguard/wg-old.conf";
    static final String PSK = "/etc/wireguard/keys/wg-mgmt/node-b.psk";

    private final FakeHost host = new FakeHost();

    @AfterEach
    void cleanUp() {
        host.close();
    }

    static List<String> shell(String name) {
        return Arrays.asList(name.split(" "));
    }

    /** Every feature at once: PSK, placeholders, a delete, all four interface actions, firewall and a service. */
    static InstallRequest everything() {
        String conf = InstallScriptTest.conf(InstallScriptTest.PEER_B)
                .replace("AllowedIPs", "PresharedKey = {{wgform-secret:" + PSK + "}}\nAllowedIPs");
        return new InstallRequest("run-2",
                List.of(new FileWrite(CONF, conf, 0600, "wg"),
                        new FileWrite("/etc/wireguard/wg-data.conf", InstallScriptTest.conf(InstallScriptTest.PEER_C), 0600, "wg"),
                        new FileWrite("/etc/wireguard/wg-app.conf", InstallScriptTest.conf(), 0600, "wg"),
                        new FileWrite("/etc/nftables.d/wgform.nft", "table inet wgform {}\n", 0644, "firewall")),
                List.of(OLD),
                List.of(new InterfaceStep("wg-old", InterfaceAction.DOWN, false, 0),
                        new InterfaceStep("wg-mgmt", InterfaceAction.LIVE_SYNC, true, 1),
                        new InterfaceStep("wg-data", InterfaceAction.RESTART, true, 1),
                        new InterfaceStep("wg-app", InterfaceAction.UP, true, 0)),
                List.of(InstallScriptTest.SSHD_STEP),
                Optional.of(FirewallStep.nftables("/etc/nftables.d/wgform.nft", "inet wgform")),
                "{\"version\":1}\n", true,
                List.of(new PskPush("wg-mgmt", "node-b", PSK, Secret.randomPsk())));
    }

    private void hostBefore() {
        String key = host.genKey(KEY);
        for (String iface : List.of("wg-mgmt", "wg-data", "wg-old")) {
            String c = InstallScriptTest.filled(InstallScriptTest.conf(InstallScriptTest.PEER_B), key);
            host.write("/etc/wireguard/" + iface + ".conf", c, "rw-------");
            host.up(iface, c);
            host.enabled("wg-quick@" + iface);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash --posix", "busybox sh"})
    void scriptsParse(String sh) throws Exception {
        for (String script : List.of(InstallScript.build(everything()),
                KeysScript.build(List.of(new KeyRequest("wg-mgmt", KEY)), List.of(new PskPush("wg-mgmt", "node-b", PSK, Secret.randomPsk()))))) {
            Path file = host.dir.resolve("script.sh");
            Files.writeString(file, script, StandardCharsets.UTF_8);
            List<String> cmd = new java.util.ArrayList<>(shell(sh));
            cmd.add("-n");
            cmd.add(file.toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(out).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash --posix", "busybox sh"})
    void everythingAppliesAndVerifies(String sh) {
        hostBefore();
        FakeHost.Run run = host.run(InstallScript.build(everything()), Map.of(), shell(sh));
        InstallResult r = InstallResult.parse(run.stdout(), run.exit());

        assertThat(r.status()).as(run.stdout() + run.stderr()).isEqualTo(Status.OK);
        assertThat(host.calls()).containsExactly(
                "wg-quick down " + OLD, "systemctl disable wg-quick@wg-old",
                "nft -c -f /etc/nftables.d/wgform.nft", "nft -f /etc/nftables.d/wgform.nft", "nft -s list table inet wgform",
                "wg-quick strip " + CONF, host.calls().get(6),
                "wg-quick down /var/lib/wgform/backup/run-2/etc/wireguard/wg-data.conf",
                "ip link add wg-data type wireguard", "wg setconf wg-data",
                "ip -batch: address add 10.200.0.1/24 dev wg-data; link set mtu 1420 up dev wg-data",
                "ip link add wg-app type wireguard", "wg setconf wg-app",
                "ip -batch: address add 10.200.0.1/24 dev wg-app; link set mtu 1420 up dev wg-app", "systemctl enable wg-quick@wg-app",
                "sshd -t", "systemctl reload ssh");
        assertThat(host.calls().get(6)).startsWith("wg syncconf wg-mgmt /etc/wireguard/.wgform.");
        assertThat(host.exists(OLD)).isFalse();
        assertThat(host.tempFiles()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash --posix"}) // busybox: parse and apply above; rollback is the same sh
    void everythingRollsBackWhenTheLastStepFails(String sh) {
        hostBefore();
        Map<String, String> before = Map.of(CONF, host.read(CONF), OLD, host.read(OLD), "/etc/wireguard/wg-data.conf",
                host.read("/etc/wireguard/wg-data.conf"), KEY, host.read(KEY));
        FakeHost.Run run = host.run(InstallScript.build(everything()), Map.of("FAKE_FAIL", "systemctl-reload"), shell(sh));
        InstallResult r = InstallResult.parse(run.stdout(), run.exit());

        assertThat(r.status()).as(run.stdout() + run.stderr()).isEqualTo(Status.ROLLBACK_INCOMPLETE); // the old sshd config's reload fails too
        assertThat(r.failedSteps()).extracting(StepResult::name).containsExactly("service:sshd", "rollback:service:sshd");
        before.forEach((path, content) -> assertThat(host.read(path)).as(path).isEqualTo(content));
        for (String gone : List.of("/etc/wireguard/wg-app.conf", "/etc/nftables.d/wgform.nft", PSK)) assertThat(host.exists(gone)).as(gone).isFalse();
        // both back up without wg-quick: they run the old config less wg-quick's own keys
        for (String iface : List.of("wg-data", "wg-old")) assertThat(host.running(iface)).as(iface).isEqualTo(InstallScriptTest.running(before.get(CONF)));
        // wg-mgmt was live-synced, so it runs the stripped old config: old peers, no PSK, the key filled in
        assertThat(host.running("wg-mgmt")).contains("PrivateKey = " + before.get(KEY).trim(), InstallScriptTest.PEER_B)
                .doesNotContain("PresharedKey", "Address");
        for (String iface : List.of("wg-mgmt", "wg-data", "wg-old")) assertThat(host.isEnabled("wg-quick@" + iface)).as(iface).isTrue();
        assertThat(host.isUp("wg-app")).isFalse();
        assertThat(host.isEnabled("wg-quick@wg-app")).isFalse();
        assertThat(host.tempFiles()).isEmpty();
    }

    /**
     * common.sh's new_temp, which makes temp files in the shell instead of with mktemp: each is new (made exclusively,
     * never an existing file or a FIFO planted under the next name), empty, 0600, named as clean_stale expects, and a
     * directory that cannot take one fails cleanly.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/bin/sh", "bash --posix", "busybox sh"})
    void tempFilesAreNewEmptyPrivateAndNamedForCleanStale(String shell) throws java.io.IOException {
        Path dir = Files.createDirectories(host.root.resolve("etc/wireguard"));
        Files.writeString(dir.resolve("taken"), "someone's\n");
        String script = "#!/bin/sh\n" + ScriptLibrary.COMMON + """
                d="$R/etc/wireguard"
                new_temp "$d" || fail "first"
                a=$NT
                # the next two names are taken: a regular file, and a FIFO (noclobber would open that one)
                n=$((NT_N + 1)); f="000000$$$n"; cp "$d/taken" "$d/.wgform.${f#"${f%??????}"}"
                n=$((NT_N + 2)); f="000000$$$n"; mkfifo "$d/.wgform.${f#"${f%??????}"}"
                new_temp "$d" || fail "second"
                b=$NT
                printf 'a=%s\\nb=%s\\n' "${a#"$d/"}" "${b#"$d/"}"
                if new_temp "$R/no/such/dir"; then echo "made one in a missing directory"; else echo "missing dir: [$NT]"; fi
                for f in "$d"/.wgform.??????; do printf 'match %s\\n' "${f#"$d/"}"; done
                """;
        FakeHost.Run run = host.run(script, Map.of(), List.of(shell.split(" ")));

        assertThat(run.exit()).as(run.stderr()).isZero();
        List<String> out = run.stdout().lines().toList();
        String a = out.get(0).substring(2);
        String b = out.get(1).substring(2);
        assertThat(a).matches("\\.wgform\\.[0-9]{6}");
        assertThat(b).matches("\\.wgform\\.[0-9]{6}").isNotEqualTo(a);
        assertThat(out.get(2)).isEqualTo("missing dir: []");
        // the two planted names are left as they were, and the glob clean_stale uses sees all four
        assertThat(out.subList(3, out.size())).hasSize(4).contains("match " + a, "match " + b);
        for (String made : List.of(a, b)) {
            Path p = dir.resolve(made);
            assertThat(Files.size(p)).isZero();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).isEqualTo("rw-------");
        }
        assertThat(out.subList(3, out.size()).stream().map(l -> l.substring(6)).filter(n -> !n.equals(a) && !n.equals(b)))
                .allSatisfy(n -> assertThat(Files.isRegularFile(dir.resolve(n)) ? Files.readString(dir.resolve(n)) : "fifo")
                        .isIn("someone's\n", "fifo"));
    }
}
