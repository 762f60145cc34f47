package dev.wgform.it;

import static dev.wgform.it.Lab.KNOWN_HOSTS;
import static dev.wgform.it.Lab.ssh;
import static dev.wgform.it.Lab.wgform;
import static dev.wgform.it.Lab.wgformLab;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Key rotation on three real hosts: a mesh plane with a PSK per pair. Every rotation must end with the plane fully
 * connected (pings both ways between every pair over the plane addresses) and a plan with no changes; interrupted
 * rotations (SIGKILL after each stage) are resumed; a verification that cannot succeed rolls back. Last, every file
 * wgform wrote on the workstation and everything it printed is searched for every private key and PSK the hosts had.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabRotateTest {
    private static final String PLAYBOOK = """
            planes:
              mgmt:
                subnet: 10.200.0.0/24
                port: 51820
                topology: mesh
                members: [all]
                psk: true
            firewall:
              backend: auto
              policy: open
            """;

    @TempDir
    static Path work;
    static Path inventory;
    static Path playbook;
    /** every private key and PSK seen on the hosts during the class, for the final scan */
    static final Set<String> secrets = new LinkedHashSet<>();
    /** everything wgform printed during the class */
    static final StringBuilder printed = new StringBuilder();

    @BeforeAll
    static void labUp() throws IOException {
        Lab.assumeLabPossible();
        wgform("lab", "up", "3").assertOk();
        inventory = work.resolve("inventory.yml");
        StringBuilder y = new StringBuilder("all:\n  vars:\n    ansible_user: root\n    ansible_ssh_private_key_file: " + Lab.KEY
                + "\n    wg_public_interface: eth0\n  hosts:\n");
        for (int n = 1; n <= 3; n++) {
            y.append("    lab-").append(n).append(": { ansible_host: ").append(Lab.address(n)).append(", wg_addresses: { mgmt: 10.200.0.")
                    .append(n).append(" } }\n");
        }
        Files.writeString(inventory, y.toString());
        playbook = work.resolve("playbook.yml");
        Files.writeString(playbook, PLAYBOOK);
        run("apply", "--auto-approve").assertOk();
        assertFullyConnected();
        collectSecrets();
    }

    @AfterAll
    static void labDown() {
        if (inventory != null) wgform("lab", "down");
    }

    @Test
    @Order(1)
    void rotatingOneHostChangesOnlyItsKeyAndItsPairsPsks() {
        Map<Integer, String> keysBefore = publicKeys();
        Map<String, String> psksBefore = pskHashes();

        Lab.Result r = run("rotate", "--plane", "mgmt", "--hosts", "lab-1", "--psk", "--auto-approve").assertOk();
        assertThat(r.out()).contains("lab-1: rotated").contains("Rotation complete: 1 host on new keys.");

        Map<Integer, String> keysAfter = publicKeys();
        assertThat(keysAfter.get(1)).isNotEqualTo(keysBefore.get(1));
        assertThat(keysAfter.get(2)).isEqualTo(keysBefore.get(2));
        assertThat(keysAfter.get(3)).isEqualTo(keysBefore.get(3));
        for (int peer : List.of(2, 3)) {
            assertThat(livePeers(peer)).as("lab-%d's live peers", peer).contains(keysAfter.get(1)).doesNotContain(keysBefore.get(1));
        }
        Map<String, String> psksAfter = pskHashes();
        // lab-1's pairs have new PSKs, the same on both sides; the pair it is not in keeps its own
        assertThat(psksAfter.get("1:2")).isEqualTo(psksAfter.get("2:1")).isNotEqualTo(psksBefore.get("1:2"));
        assertThat(psksAfter.get("1:3")).isEqualTo(psksAfter.get("3:1")).isNotEqualTo(psksBefore.get("1:3"));
        assertThat(psksAfter.get("2:3")).isEqualTo(psksBefore.get("2:3"));
        assertThat(ssh(1, "ls /etc/wireguard/keys /etc/wireguard/keys/wg-mgmt").assertOk().out()).doesNotContain(".next", ".prev");
        assertConverged();
    }

    @Test
    @Order(2)
    void aWholeBatchOfPeersRotatesTogether() {
        Map<Integer, String> before = publicKeys();
        run("rotate", "--plane", "mgmt", "--batch", "3", "--auto-approve").assertOk();
        Map<Integer, String> after = publicKeys();
        for (int n = 1; n <= 3; n++) assertThat(after.get(n)).isNotEqualTo(before.get(n));
        assertConverged();
    }

    @ParameterizedTest
    @Order(3)
    @ValueSource(strings = {"prepared", "distributed", "swapped", "verified"})
    void killedAfterAStageAndResumedEndsOnTheNewKey(String stage) throws Exception {
        String before = publicKeys().get(2);
        Process p = startHeld(stage, "rotate", "--plane", "mgmt", "--hosts", "lab-2", "--psk", "--auto-approve");
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(journalStages()).as("the journal after the kill").contains("\"stage\": \"" + stage + "\"");

        Lab.Result resumed = run("rotate", "--plane", "mgmt", "--resume").assertOk();
        assertThat(resumed.out()).contains("lab-2: rotated");
        String after = publicKeys().get(2);
        assertThat(after).isNotEqualTo(before);
        for (int peer : List.of(1, 3)) assertThat(livePeers(peer)).contains(after).doesNotContain(before);
        assertConverged();
    }

    @Test
    @Order(4)
    void aVerificationThatFailsPutsTheOldKeyBack() {
        String before = publicKeys().get(1);
        // a test-only table of our own drops lab-1's WireGuard port: handshakes with its new key cannot complete
        ssh(1, "nft add table inet wgformtest && nft add chain inet wgformtest in '{ type filter hook input priority -10; }' "
                + "&& nft add rule inet wgformtest in udp dport 51820 drop").assertOk();
        Lab.Result r;
        try {
            r = run("rotate", "--plane", "mgmt", "--hosts", "lab-1", "--psk", "--verify-timeout", "5", "--auto-approve");
        } finally {
            ssh(1, "nft delete table inet wgformtest").assertOk();
        }
        assertThat(r.code()).as(r.all()).isEqualTo(1);
        assertThat(r.out()).contains("lab-1: ROLLED BACK").contains("no handshake with lab-2");
        assertThat(publicKeys().get(1)).isEqualTo(before);
        for (int peer : List.of(2, 3)) assertThat(livePeers(peer)).contains(before);
        assertThat(ssh(1, "ls /etc/wireguard/keys /etc/wireguard/keys/wg-mgmt").assertOk().out()).doesNotContain(".next", ".prev");
        assertConverged();
    }

    /**
     * lab-1 reached over the plane being rotated: sshd bound to mgmt, wg_ssh_via: mgmt, and a ProxyJump through lab-2
     * from the ssh config. wgform's own session to lab-1 crosses the tunnel whose key is swapped under it.
     */
    @Test
    @Order(5)
    void rotatingThePlaneWgformsOwnSshRunsOver() throws IOException {
        Path withSshd = work.resolve("playbook-sshd.yml");
        Files.writeString(withSshd, PLAYBOOK + "services:\n  sshd: { plane: mgmt }\n");
        runWith(inventory, withSshd, "apply", "--auto-approve").assertOk();

        Path home = Files.createDirectories(work.resolve("home/.ssh")).getParent();
        Files.writeString(home.resolve(".ssh/config"), "Host 10.200.0.1\n  ProxyJump root@" + Lab.address(2) + "\nHost " + Lab.address(2)
                + "\n  IdentityFile " + Lab.KEY + "\n");
        String lab1Key = Files.readAllLines(KNOWN_HOSTS).stream().filter(l -> l.startsWith(Lab.address(1) + " ")).findFirst().orElseThrow();
        Path knownHosts = home.resolve("known_hosts");
        Files.writeString(knownHosts, lab1Key.replace(Lab.address(1) + " ", "10.200.0.1 ") + "\n" + Files.readString(KNOWN_HOSTS));
        Path viaMgmt = work.resolve("inventory-via-mgmt.yml");
        Files.writeString(viaMgmt, Files.readString(inventory).replace("lab-1: { ", "lab-1: { wg_ssh_via: mgmt, "));

        String before = publicKeys().get(1);
        String home0 = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        Lab.Result r;
        try {
            r = wgform(Stream.concat(Stream.of("rotate", "--no-color", "--known-hosts", knownHosts.toString(), "-i", viaMgmt.toString(),
                    withSshd.toString()), Stream.of("--plane", "mgmt", "--hosts", "lab-1", "--psk", "--auto-approve")).toArray(String[]::new));
            printed.append(r.out()).append(r.err());
            r.assertOk();
            Lab.Result plan = wgform("plan", "--no-color", "--detailed-exitcode", "--known-hosts", knownHosts.toString(), "-i", viaMgmt.toString(),
                    withSshd.toString());
            assertThat(plan.code()).as(plan.all()).isZero();
        } finally {
            System.setProperty("user.home", home0);
        }
        assertThat(r.out()).contains("lab-1: rotated");
        assertThat(publicKeys().get(1)).isNotEqualTo(before);
        assertFullyConnected();
    }

    @Test
    @Order(6)
    void noPrivateKeyOrPskEverReachedTheWorkstationOrTheOutput() throws IOException {
        collectSecrets();
        assertThat(secrets).hasSizeGreaterThan(20); // keys and PSKs of several rotations: the scan looks for something real
        List<Path> written = new ArrayList<>();
        try (Stream<Path> files = Files.walk(work)) {
            files.filter(Files::isRegularFile).forEach(written::add);
        }
        assertThat(written).anyMatch(f -> f.getFileName().toString().startsWith("rotation-mgmt-")); // the journals are there
        for (Path f : written) {
            String text = Files.readString(f, StandardCharsets.ISO_8859_1);
            for (String s : secrets) assertThat(text).as("%s holds a secret", f).doesNotContain(s);
        }
        String output = printed.toString();
        assertThat(output).contains("rotated");
        for (String s : secrets) assertThat(output).doesNotContain(s);
    }

    // ---- helpers

    private static Lab.Result run(String command, String... rest) {
        return runWith(inventory, playbook, command, rest);
    }

    private static Lab.Result runWith(Path inventory, Path playbook, String command, String... rest) {
        List<String> args = new ArrayList<>(List.of("-i", inventory.toString(), playbook.toString()));
        args.addAll(List.of(rest));
        Lab.Result r = wgformLab(command, args.toArray(String[]::new));
        printed.append(r.out()).append(r.err());
        collectSecrets();
        return r;
    }

    /** wgform in its own JVM, held by the test hook after {@code stage}; returns once it holds there. */
    private static Process startHeld(String stage, String command, String... rest) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "dev.wgform.cli.Main", command, "--no-color", "--known-hosts", KNOWN_HOSTS.toString(),
                "-i", inventory.toString(), playbook.toString()));
        cmd.addAll(List.of(rest));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("WGFORM_TEST_HOLD_AFTER_STAGE", stage);
        Process p = pb.start();
        p.getOutputStream().close();
        StringBuilder seen = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (seen) {
                        seen.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the process was killed
            }
        });
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive()) {
            synchronized (seen) {
                if (seen.indexOf("holding after stage " + stage) >= 0) break;
            }
            Thread.sleep(100);
        }
        synchronized (seen) {
            printed.append(seen);
            assertThat(seen.toString()).as("wgform should hold after %s", stage).contains("holding after stage " + stage);
        }
        return p;
    }

    private static String journalStages() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(work.resolve(".wgform"))) {
            for (Path f : files.sorted().toList()) all.append(Files.readString(f));
        }
        return all.toString();
    }

    /** lab-N -> the public key of its wg-mgmt, as the interface reports it. */
    private static Map<Integer, String> publicKeys() {
        Map<Integer, String> out = new LinkedHashMap<>();
        for (int n = 1; n <= 3; n++) out.put(n, ssh(n, "wg show wg-mgmt public-key").assertOk().out().strip());
        return out;
    }

    private static String livePeers(int n) {
        return ssh(n, "wg show wg-mgmt peers").assertOk().out();
    }

    /** "a:b" -> sha256 of lab-a's PSK file for lab-b. */
    private static Map<String, String> pskHashes() {
        Map<String, String> out = new LinkedHashMap<>();
        for (int a = 1; a <= 3; a++) {
            for (int b = 1; b <= 3; b++) {
                if (a == b) continue;
                out.put(a + ":" + b, ssh(a, "sha256sum < /etc/wireguard/keys/wg-mgmt/lab-" + b + ".psk").assertOk().out().strip());
            }
        }
        return out;
    }

    /** The hosts' current private keys and PSKs (this test may read them; wgform never does). */
    private static void collectSecrets() {
        for (int n = 1; n <= 3; n++) {
            Lab.Result r = ssh(n, "cat /etc/wireguard/keys/wg-mgmt.key /etc/wireguard/keys/wg-mgmt/*.psk 2>/dev/null");
            for (String line : r.out().split("\n")) if (line.strip().length() == 44) secrets.add(line.strip());
        }
    }

    private static void assertConverged() {
        assertFullyConnected();
        Lab.Result plan = run("plan", "--detailed-exitcode");
        assertThat(plan.code()).as(plan.all()).isZero();
    }

    private static void assertFullyConnected() {
        for (int a = 1; a <= 3; a++) {
            for (int b = 1; b <= 3; b++) {
                if (a != b) assertThat(Lab.pingEventually(a, "10.200.0." + b)).as("ping lab-%d -> lab-%d over mgmt", a, b).isTrue();
            }
        }
    }
}
