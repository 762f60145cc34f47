package dev.wgform.it;

import static dev.wgform.it.Lab.FOUR_PLANE;
import static dev.wgform.it.Lab.KNOWN_HOSTS;
import static dev.wgform.it.Lab.pingEventually;
import static dev.wgform.it.Lab.ssh;
import static dev.wgform.it.Lab.wgform;
import static dev.wgform.it.Lab.wgformLab;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's proof on real hosts: the four-plane example applied to lab hosts, checked with traffic through the
 * tunnels, then changed step by step to show that only what changed is touched. The steps build on each other.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabPlanApplyTest {
    static final String[] PLANES = {"mgmt", "data", "monitor", "app"};
    static final int[] SUBNET = {200, 201, 202, 203};

    @TempDir
    static Path work;
    static Path threeHosts;
    static Path fourHosts;
    /** Everything wgform printed during the run, scanned for secrets at the end. */
    static final List<String> outputs = new ArrayList<>();

    @BeforeAll
    static void labUp() throws IOException {
        Lab.assumeLabPossible();
        Lab.Result up = wgform("lab", "up", "4");
        up.assertOk();
        threeHosts = Files.writeString(work.resolve("three.yml"), Lab.inventory(3));
        fourHosts = Files.writeString(work.resolve("four.yml"), Lab.inventory(4));
    }

    @AfterAll
    static void labDown() {
        if (threeHosts != null) wgform("lab", "down");
    }

    @Test
    @Order(1)
    void applyBringsUpEveryPlaneAndEveryHostReachesEveryOtherThroughTheTunnels() {
        Lab.Result apply = run("apply", "-i", threeHosts.toString(), FOUR_PLANE.toString(), "--auto-approve", "--verbose");
        apply.assertOk();
        // per host: the reading command (answered, once every host is planned, to make the keys), the install, and
        // the confirmation from a second session (sshd and the firewall change)
        assertThat(apply.err()).as(apply.all()).contains("lab-1: keys generated: wg-mgmt, wg-data, wg-monitor, wg-app")
                .contains("apply: 6 SSH sessions, 9 remote commands in all");
        for (int from = 1; from <= 3; from++) {
            for (int to = 1; to <= 3; to++) {
                if (from == to) continue;
                for (int p = 0; p < PLANES.length; p++) {
                    String target = "10." + SUBNET[p] + ".0." + to;
                    assertThat(pingEventually(from, target)).as("lab-%d -> lab-%d over %s (%s)", from, to, PLANES[p], target).isTrue();
                }
            }
        }
        for (int n = 1; n <= 3; n++) {
            for (String plane : PLANES) {
                Lab.Result peers = ssh(n, "wg show wg-" + plane + " peers").assertOk();
                assertThat(peers.out().strip().split("\n")).as("peers of wg-%s on lab-%d", plane, n).hasSize(2);
            }
        }
    }

    @Test
    @Order(2)
    void aPlanRightAfterApplyHasNoChanges() {
        Lab.Result plan = run("plan", "-i", threeHosts.toString(), FOUR_PLANE.toString(), "--detailed-exitcode");
        assertThat(plan.code()).as(plan.all()).isZero();
        assertThat(plan.out()).contains("No changes");
    }

    @Test
    @Order(3)
    void aSecondApplyChangesNothingAndRestartsNothing() {
        String pidsBefore = wireguardGoPids(1);
        Lab.Result apply = run("apply", "-i", threeHosts.toString(), FOUR_PLANE.toString(), "--auto-approve");
        apply.assertOk();
        assertThat(apply.out()).contains("No changes");
        assertThat(wireguardGoPids(1)).isEqualTo(pidsBefore);
    }

    @Test
    @Order(4)
    void addingAHostSyncsTheOthersLiveWithoutRestartingTheirInterfaces() {
        String pidsBefore = wireguardGoPids(1);
        Lab.Result plan = run("plan", "-i", fourHosts.toString(), FOUR_PLANE.toString(), "--detailed-exitcode");
        assertThat(plan.code()).as(plan.all()).isEqualTo(2);
        assertThat(plan.out()).contains("live sync wg-mgmt").doesNotContain("restart wg-");

        run("apply", "-i", fourHosts.toString(), FOUR_PLANE.toString(), "--auto-approve").assertOk();
        assertThat(wireguardGoPids(1)).as("lab-1's wireguard-go processes survive a live sync").isEqualTo(pidsBefore);
        for (int p = 0; p < PLANES.length; p++) {
            assertThat(pingEventually(1, "10." + SUBNET[p] + ".0.4")).as("lab-1 -> new lab-4 over %s", PLANES[p]).isTrue();
            assertThat(pingEventually(4, "10." + SUBNET[p] + ".0.2")).as("new lab-4 -> lab-2 over %s", PLANES[p]).isTrue();
        }
    }

    @Test
    @Order(5)
    void aHandEditedConfigShowsUpInThePlanWithItsDiffAndApplyRepairsIt() {
        ssh(2, "sed -i 's/^MTU.*//; $ a # edited by hand' /etc/wireguard/wg-app.conf").assertOk();
        Lab.Result plan = run("plan", "-i", fourHosts.toString(), FOUR_PLANE.toString(), "--detailed-exitcode");
        assertThat(plan.code()).as(plan.all()).isEqualTo(2);
        assertThat(plan.out()).contains("/etc/wireguard/wg-app.conf").contains("-# edited by hand");
        assertThat(plan.out()).contains("lab-2");

        run("apply", "-i", fourHosts.toString(), FOUR_PLANE.toString(), "--auto-approve").assertOk();
        Lab.Result again = run("plan", "-i", fourHosts.toString(), FOUR_PLANE.toString(), "--detailed-exitcode");
        assertThat(again.code()).as(again.all()).isZero();
    }

    @Test
    @Order(6)
    void changingOnePlanesPortRestartsThatInterfaceOnly() throws IOException {
        Path playbook = work.resolve("port-change.yml");
        Files.writeString(playbook, Files.readString(FOUR_PLANE).replace("port: 51821", "port: 51831"));
        String mgmtBefore = wireguardGoPid(1, "wg-mgmt");
        String dataBefore = wireguardGoPid(1, "wg-data");

        Lab.Result apply = run("apply", "-i", fourHosts.toString(), playbook.toString(), "--auto-approve");
        apply.assertOk();
        assertThat(apply.out()).contains("restart wg-data").doesNotContain("restart wg-mgmt").doesNotContain("restart wg-app");
        assertThat(wireguardGoPid(1, "wg-mgmt")).isEqualTo(mgmtBefore);
        assertThat(wireguardGoPid(1, "wg-data")).isNotEqualTo(dataBefore);
        assertThat(pingEventually(1, "10.201.0.3")).isTrue();
        assertThat(ssh(3, "wg show wg-data listen-port").assertOk().out().strip()).isEqualTo("51831");
    }

    @Test
    @Order(7)
    void anUnreachableHostIsReportedWhileTheOthersApply() throws IOException {
        // lab-4 stops answering SSH (a test-only nft table of its own; wgform's table is inet wgform)
        Lab.exec(List.of("ip", "netns", "exec", "wgl-4", "nft",
                "add table inet labtest; add chain inet labtest in { type filter hook input priority -10; }; "
                        + "add rule inet labtest in tcp dport 22 drop")).assertOk();
        try {
            Path playbook = work.resolve("mtu.yml");
            Files.writeString(playbook, Files.readString(FOUR_PLANE)
                    .replace("port: 51821", "port: 51831")
                    .replace("app:     { subnet: 10.203.0.0/24, port: 51823,", "app:     { subnet: 10.203.0.0/24, port: 51823, mtu: 1380,"));
            Lab.Result apply = run("apply", "-i", fourHosts.toString(), playbook.toString(), "--auto-approve");
            assertThat(apply.code()).as(apply.all()).isEqualTo(1);
            assertThat(apply.all()).contains("lab-4").containsIgnoringCase("unreachable");
            for (int n = 1; n <= 3; n++) {
                assertThat(ssh(n, "ip link show wg-app").assertOk().out()).as("lab-%d got the new MTU", n).contains("mtu 1380");
            }
            assertThat(pingEventually(1, "10.200.0.4")).as("lab-4 stays a peer while it cannot be reached").isTrue();
        } finally {
            Lab.exec(List.of("ip", "netns", "exec", "wgl-4", "nft", "delete table inet labtest"));
        }
    }

    @Test
    @Order(8)
    void aChangedHostKeyIsRefused() throws IOException {
        Path known = work.resolve("known_hosts_changed");
        Path otherKey = work.resolve("other_key");
        Lab.exec(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", otherKey.toString())).assertOk();
        String fake = Files.readString(Path.of(otherKey + ".pub")).split(" ")[1];
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(KNOWN_HOSTS)) {
            lines.add(line.startsWith("198.51.100.1 ") ? "198.51.100.1 ssh-ed25519 " + fake : line);
        }
        Files.write(known, lines);
        Lab.Result plan = wgform("plan", "--no-color", "--known-hosts", known.toString(), "--accept-new-host-keys",
                "-i", fourHosts.toString(), FOUR_PLANE.toString());
        outputs.add(plan.all());
        assertThat(plan.code()).isEqualTo(1);
        assertThat(plan.all()).contains("lab-1").contains("CHANGED");
        assertThat(Files.readAllLines(known)).as("a changed key is never recorded").isEqualTo(lines);
    }

    @Test
    @Order(9)
    void removingAPlaneTakesItsInterfaceDownAndRemovesItsFilesEverywhere() throws IOException {
        Path playbook = work.resolve("no-app.yml");
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(FOUR_PLANE)) {
            if (line.strip().startsWith("app:") || line.strip().startsWith("nginx:")) continue;
            text.append(line).append('\n');
        }
        Files.writeString(playbook, text.toString());
        // the inventory pins addresses per plane, and an address for a plane the playbook lacks is refused as a typo
        Path inventory = work.resolve("no-app-inventory.yml");
        Files.writeString(inventory, Files.readString(fourHosts).replaceAll(", app: 10\\.203\\.0\\.\\d+", ""));
        Lab.Result apply = run("apply", "-i", inventory.toString(), playbook.toString(), "--auto-approve");
        apply.assertOk();
        for (int n = 1; n <= 4; n++) {
            assertThat(ssh(n, "wg show interfaces").assertOk().out()).doesNotContain("wg-app");
            assertThat(ssh(n, "test -e /etc/wireguard/wg-app.conf && echo present || echo absent").out().strip()).isEqualTo("absent");
        }
        assertThat(pingEventually(1, "10.200.0.3")).isTrue();
    }

    @Test
    @Order(10)
    void noPrivateKeyOrPskAppearsInAnyOutputPlanFileOrWorkstationFile() throws IOException {
        Path planFile = work.resolve("saved.plan");
        run("plan", "-i", fourHosts.toString(), FOUR_PLANE.toString(), "--out", planFile.toString());
        List<String> secrets = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            String keys = ssh(n, "cat /etc/wireguard/keys/*.key; find /etc/wireguard/keys -name '*.psk' -exec cat {} +").assertOk().out();
            for (String s : keys.split("\n")) if (s.strip().length() == 44) secrets.add(s.strip());
        }
        assertThat(secrets).as("the lab hosts have keys and PSKs to look for").hasSizeGreaterThan(8);
        List<String> haystacks = new ArrayList<>(outputs);
        haystacks.add(Files.readString(planFile));
        try (Stream<Path> files = Stream.concat(Files.walk(Lab.ROOT.resolve(".wgform")), Files.walk(work))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f) && Files.size(f) < 50_000_000) haystacks.add(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        for (String secret : secrets) {
            for (String h : haystacks) assertThat(h).as("a secret leaked").doesNotContain(secret);
        }
    }

    private static Lab.Result run(String command, String... rest) {
        Lab.Result r = wgformLab(command, rest);
        outputs.add(r.all());
        return r;
    }

    private static String wireguardGoPids(int n) {
        return ssh(n, "for i in mgmt data monitor app; do pgrep -f \"wireguard-go wg-$i\" || true; done").out();
    }

    private static String wireguardGoPid(int n, String iface) {
        return ssh(n, "pgrep -f 'wireguard-go " + iface + "$' || pgrep -f 'wireguard-go " + iface + "'").out().strip();
    }
}
