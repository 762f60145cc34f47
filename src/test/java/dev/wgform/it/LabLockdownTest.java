package dev.wgform.it;

import static dev.wgform.it.Lab.FOUR_PLANE;
import static dev.wgform.it.Lab.address;
import static dev.wgform.it.Lab.pingEventually;
import static dev.wgform.it.Lab.ssh;
import static dev.wgform.it.Lab.wgform;
import static dev.wgform.it.Lab.wgformLab;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.it.PortProbe.Seen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8's proof on real hosts: the stealth policy on both firewall backends (lab-1 and lab-2 nftables, lab-3 a
 * RHEL-family host running its own firewalld), seen from the bridge the way a port scanner sees it; service
 * bindings that are validated before any reload. The steps build on each other.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabLockdownTest {
    static final String[] PLANES = {"mgmt", "data", "monitor", "app"};
    static final int[] SUBNET = {200, 201, 202, 203};
    /** A TCP listener and a UDP echo on every address of each host: only the firewall can hide them. */
    static final int TCP_PROBE = 8081;
    static final int UDP_PROBE = 8082;
    static final int NOTHING_THERE = 9999;

    @TempDir
    static Path work;
    static Path inventory;
    static String foreignTableBefore;

    @BeforeAll
    static void labUp() throws IOException {
        Lab.assumeLabPossible();
        wgform("lab", "up", "3", "--rhel", "1", "--admin").assertOk();
        inventory = Files.writeString(work.resolve("three.yml"), Lab.inventory(3));
        for (int n = 1; n <= 3; n++) startListeners(n);
        // a table of someone else's on lab-1, which wgform must leave exactly as it is
        ssh(1, "printf '%s\\n' 'table inet admin_own {' ' set blocked { type ipv4_addr; elements = { 192.0.2.7 } }'"
                + " ' chain c { type filter hook input priority 10; policy accept; ip saddr @blocked drop; }' '}' | nft -f -").assertOk();
        foreignTableBefore = ssh(1, "nft list table inet admin_own").assertOk().out();
    }

    @AfterAll
    static void labDown() {
        if (inventory != null) wgform("lab", "down");
    }

    @Test
    @Order(1)
    void beforeLockdownListenersAnswerOnThePublicAddressAndFirewalldsDefaultZoneRejects() {
        for (int n = 1; n <= 2; n++) {
            assertThat(PortProbe.tcp(address(n), TCP_PROBE)).as("lab-%d tcp/%d", n, TCP_PROBE).isEqualTo(Seen.ANSWERS);
            assertThat(PortProbe.udp(address(n), UDP_PROBE)).as("lab-%d udp/%d", n, UDP_PROBE).isEqualTo(Seen.ANSWERS);
            assertThat(PortProbe.udp(address(n), NOTHING_THERE)).as("lab-%d udp/%d", n, NOTHING_THERE).isEqualTo(Seen.REFUSES);
        }
        // a fresh RHEL host: firewalld's public zone lets SSH in and rejects (not drops) the rest
        assertThat(PortProbe.tcp(address(3), 22)).isEqualTo(Seen.ANSWERS);
        assertThat(PortProbe.tcp(address(3), TCP_PROBE)).isEqualTo(Seen.REFUSES);
        assertThat(PortProbe.udp(address(3), UDP_PROBE)).isEqualTo(Seen.REFUSES);
    }

    @Test
    @Order(2)
    void stealthLeavesOnlyWireGuardAndKeptSshOnThePublicSideOfBothBackends() {
        wgformLab("apply", "-i", inventory.toString(), FOUR_PLANE.toString(), "--auto-approve").assertOk();

        for (int n = 1; n <= 3; n++) {
            assertThat(PortProbe.tcp(address(n), 22)).as("lab-%d tcp/22 (keep_public_ssh)", n).isEqualTo(Seen.ANSWERS);
            for (int port : new int[] {TCP_PROBE, NOTHING_THERE, 5432, 8080, 9090, 9100}) {
                assertThat(PortProbe.tcp(address(n), port)).as("lab-%d tcp/%d", n, port).isEqualTo(Seen.SILENT);
            }
            for (int port : new int[] {UDP_PROBE, NOTHING_THERE}) {
                assertThat(PortProbe.udp(address(n), port)).as("lab-%d udp/%d", n, port).isEqualTo(Seen.SILENT);
            }
            // the same listener is there for the planes: from another host through the app tunnel
            int other = n == 1 ? 2 : 1;
            assertThat(tcpFromHost(other, "10.203.0." + n, TCP_PROBE)).as("lab-%d -> lab-%d tcp/%d over app", other, n, TCP_PROBE).isTrue();
        }

        for (int n = 1; n <= 2; n++) {
            String table = ssh(n, "nft list table inet wgform").assertOk().out();
            assertThat(table).contains("iifname \"eth0\" udp dport { 51820, 51821, 51822, 51823 } accept")
                    .contains("iifname \"eth0\" tcp dport 22 accept")
                    .contains("iifname \"eth0\" drop")
                    .contains("iifname { \"wg-app\", \"wg-data\", \"wg-mgmt\", \"wg-monitor\" } accept"); // nft lists sets sorted
            assertThat(ssh(n, "nft list tables").out()).doesNotContain("firewalld");
        }
        assertThat(ssh(1, "nft list table inet admin_own").out()).as("someone else's table").isEqualTo(foreignTableBefore);

        String zone = ssh(3, "firewall-cmd --zone=wgform-public --list-all").assertOk().out();
        assertThat(zone).contains("target: DROP").contains("interfaces: eth0").contains("services: dhcpv6-client ssh")
                .contains("ports: 51820/udp 51821/udp 51822/udp 51823/udp");
        assertThat(ssh(3, "firewall-cmd --get-zone-of-interface=wg-mgmt").out().strip()).isEqualTo("wgform-planes");
        assertThat(ssh(3, "nft list tables").out()).contains("table inet firewalld").doesNotContain("wgform");
    }

    @Test
    @Order(3)
    void tunnelsJoinTheNftablesAndTheFirewalldHostsOnEveryPlane() {
        for (int p = 0; p < PLANES.length; p++) {
            assertThat(pingEventually(1, "10." + SUBNET[p] + ".0.3")).as("lab-1 (nftables) -> lab-3 (firewalld) over %s", PLANES[p]).isTrue();
            assertThat(pingEventually(3, "10." + SUBNET[p] + ".0.2")).as("lab-3 (firewalld) -> lab-2 (nftables) over %s", PLANES[p]).isTrue();
        }
    }

    @Test
    @Order(4)
    void sshdBoundToMgmtAnswersThroughTheTunnel() {
        for (int n = 1; n <= 3; n++) {
            int other = n == 3 ? 1 : 3;
            assertThat(tcpFromHost(other, "10.200.0." + n, 22)).as("lab-%d -> sshd of lab-%d on mgmt", other, n).isTrue();
            assertThat(tcpFromHost(other, "10.201.0." + n, 22)).as("sshd of lab-%d is not on the data plane", n).isFalse();
        }
    }

    @Test
    @Order(5)
    void aBrokenSshdDropInIsNeverReloadedAndTheApplyReportsTheValidationError() throws IOException {
        Path templates = Files.createDirectories(work.resolve("broken-templates"));
        Files.writeString(templates.resolve("sshd.conf.ftl"), """
                # Managed by wgform: sshd of ${host.name} (a template with a mistake in it)
                <#list service.listenAddresses as address>
                ListenAddress ${address}
                </#list>
                NoSuchOption yes
                """);
        String before = ssh(2, "sha256sum /etc/ssh/sshd_config.d/wgform.conf").assertOk().out();
        Lab.Result apply = wgformLab("apply", "-i", inventory.toString(), FOUR_PLANE.toString(), "--auto-approve",
                "--templates", templates.toString(), "--limit", "lab-2");
        assertThat(apply.code()).as(apply.all()).isNotZero();
        assertThat(apply.all()).contains("lab-2").containsIgnoringCase("sshd").contains("NoSuchOption");
        assertThat(ssh(2, "sha256sum /etc/ssh/sshd_config.d/wgform.conf").assertOk().out()).as("the old drop-in is back").isEqualTo(before);
        assertThat(ssh(2, "sshd -t && echo valid").out()).contains("valid");
        assertThat(PortProbe.tcp(address(2), 22)).isEqualTo(Seen.ANSWERS);
    }

    @Test
    @Order(6)
    void theTableIsBackWhenTheBootTimeRulesetIsLoaded() {
        // what nftables.service does at boot: the whole ruleset from /etc/nftables.conf, which now includes wgform's file
        ssh(1, "nft flush ruleset").assertOk();
        assertThat(PortProbe.tcp(address(1), TCP_PROBE)).as("no firewall at all for a moment").isEqualTo(Seen.ANSWERS);
        ssh(1, "nft -f /etc/nftables.conf").assertOk();
        assertThat(ssh(1, "grep -c 'include \"/etc/nftables.d/wgform\\*.nft\"' /etc/nftables.conf").out().strip()).isEqualTo("1");
        assertThat(PortProbe.tcp(address(1), TCP_PROBE)).isEqualTo(Seen.SILENT);
        assertThat(PortProbe.tcp(address(1), 22)).isEqualTo(Seen.ANSWERS);
        Lab.Result drift = wgformLab("drift", "-i", inventory.toString(), FOUR_PLANE.toString());
        assertThat(drift.code()).as("the reloaded table is the one wgform loaded: " + drift.all()).isZero();
    }

    @Test
    @Order(7)
    void reapplyingChangesNothingAndReloadsNothing() {
        Lab.Result apply = wgformLab("apply", "-i", inventory.toString(), FOUR_PLANE.toString(), "--auto-approve");
        apply.assertOk();
        assertThat(apply.out()).contains("No changes").doesNotContain("reload").doesNotContain("load firewalld").doesNotContain("load nftables");
    }

    @Test
    @Order(8)
    void aChangeThatCutsWgformsOwnSshPathIsRefusedAndForcedItRevertsByItself() throws IOException {
        Path lockedDown = Files.writeString(work.resolve("locked-down.yml"), Files.readString(FOUR_PLANE)
                .replace("keep_public_ssh: true", "keep_public_ssh: false"));
        String tableBefore = ssh(2, "nft list table inet wgform").assertOk().out();

        Lab.Result plan = wgformLab("plan", "-i", inventory.toString(), lockedDown.toString());
        assertThat(plan.code()).as(plan.all()).isEqualTo(1);
        assertThat(plan.all()).contains("lab-2").contains("198.51.100.2:22").contains("wg_ssh_via: mgmt");

        Lab.Result refused = wgformLab("apply", "-i", inventory.toString(), lockedDown.toString(), "--auto-approve");
        assertThat(refused.code()).as(refused.all()).isEqualTo(1);
        assertThat(ssh(2, "nft list table inet wgform").assertOk().out()).as("nothing was touched").isEqualTo(tableBefore);

        long started = System.nanoTime();
        Lab.Result forced = wgformLab("apply", "-i", inventory.toString(), lockedDown.toString(), "--auto-approve", "--force",
                "--confirm-timeout", "10", "--limit", "lab-2,lab-3");
        assertThat(forced.code()).as(forced.all()).isNotZero();
        // both backends: lab-2 nftables, lab-3 firewalld
        assertThat(forced.all()).contains("could not reconnect").contains("lab-2 reverted itself and is reachable again")
                .contains("lab-3 reverted itself and is reachable again");
        assertThat((System.nanoTime() - started) / 1e9).as("seconds until the host came back").isGreaterThan(10);
        assertThat(PortProbe.tcp(address(2), 22)).as("public SSH of lab-2 after the revert").isEqualTo(Seen.ANSWERS);
        assertThat(ssh(2, "nft list table inet wgform").assertOk().out()).contains("iifname \"eth0\" tcp dport 22 accept");
        assertThat(PortProbe.tcp(address(3), 22)).as("public SSH of lab-3 after the revert").isEqualTo(Seen.ANSWERS);
        assertThat(ssh(3, "firewall-cmd --zone=wgform-public --list-services").assertOk().out()).contains("ssh");
        Lab.Result after = wgformLab("plan", "-i", inventory.toString(), FOUR_PLANE.toString(), "--detailed-exitcode");
        assertThat(after.code()).as("the host is back on the old state: " + after.all()).isZero();
        assertThat(planSection(after.out(), "lab-2")).contains("was never confirmed from a new SSH session, so the host undid it by itself");
        assertThat(planSection(after.out(), "lab-3")).contains("was never confirmed from a new SSH session, so the host undid it by itself");
        assertThat(planSection(after.out(), "lab-1")).doesNotContain("undid");
    }

    @Test
    @Order(10)
    void theSeedFlowEndsWithNoTcpPortAnsweringOnAnyPublicAddress() throws IOException {
        Path keys = Files.createDirectories(work.resolve("workstation-keys"));
        // the admin's workstation (namespace wgl-admin on the bridge) joins the mgmt plane
        asAdmin("workstation", "-i", inventory.toString(), FOUR_PLANE.toString(), "--plane", "mgmt", "--dir", keys.toString()).assertOk();
        wgformLab("apply", "-i", inventory.toString(), FOUR_PLANE.toString(), "--auto-approve").assertOk();
        asAdmin("workstation", "-i", inventory.toString(), FOUR_PLANE.toString(), "--plane", "mgmt", "--dir", keys.toString(), "--up")
                .assertOk();
        for (int n = 1; n <= 3; n++) {
            assertThat(pingFromAdmin("10.200.0." + n)).as("workstation -> lab-%d over mgmt", n).isTrue();
        }

        // hosts reached over mgmt, public SSH closed
        Path overMgmt = Files.writeString(work.resolve("over-mgmt.yml"), Lab.inventory(3)
                .replace("wg_public_interface: eth0", "wg_public_interface: eth0\n    wg_ssh_via: mgmt"));
        Files.copy(work.resolve("three.lock.yml"), work.resolve("over-mgmt.lock.yml"));
        Path lockedDown = work.resolve("locked-down.yml");
        asAdmin("apply", "-i", overMgmt.toString(), lockedDown.toString(), "--auto-approve").assertOk();

        for (int n = 1; n <= 3; n++) {
            for (int port : new int[] {22, TCP_PROBE, NOTHING_THERE, 5432, 8080, 9090, 9100}) {
                assertThat(PortProbe.tcp(address(n), port)).as("lab-%d tcp/%d from the bridge", n, port).isEqualTo(Seen.SILENT);
            }
            assertThat(tcpFromHost(n == 1 ? 2 : 1, "10.200.0." + n, 22)).as("sshd of lab-%d over mgmt", n).isTrue();
        }
        Lab.Result plan = asAdmin("plan", "-i", overMgmt.toString(), lockedDown.toString(), "--detailed-exitcode");
        assertThat(plan.code()).as(plan.all()).isZero();
        Lab.Result drift = asAdmin("drift", "-i", overMgmt.toString(), lockedDown.toString());
        assertThat(drift.code()).as(drift.all()).isZero();
        Lab.Result again = asAdmin("apply", "-i", overMgmt.toString(), lockedDown.toString(), "--auto-approve");
        again.assertOk();
        assertThat(again.out()).contains("No changes");
    }

    @Test
    @Order(9)
    void aBastionWithPublicSshReachesTheOthersOverMgmt() throws IOException {
        String inv = Lab.inventory(3);
        for (int n = 2; n <= 3; n++) {
            inv = inv.replace("lab-" + n + ": { ansible_host: " + address(n) + ",",
                    "lab-" + n + ": { ansible_host: " + address(n) + ", wg_ssh_via: mgmt, wg_ssh_jump: lab-1,");
        }
        assertThat(inv).contains("wg_ssh_jump: lab-1").doesNotContain("lab-1: { ansible_host: 198.51.100.1, wg_ssh_via");
        Path viaBastion = Files.writeString(work.resolve("via-bastion.yml"), inv);
        Files.copy(work.resolve("three.lock.yml"), work.resolve("via-bastion.lock.yml"));
        Lab.Result plan = wgform("plan", "--no-color", "--known-hosts", adminKnownHosts().toString(), "-i", viaBastion.toString(),
                FOUR_PLANE.toString(), "--detailed-exitcode", "--verbose");
        assertThat(plan.code()).as(plan.all()).isZero();
        // lab-2's sshd (its log is the lab's) saw wgform come from the bastion's mgmt address, through the tunnel
        assertThat(Files.readString(Path.of("/var/lib/wgform-lab/wgl-2.log"))).contains("Accepted publickey for root from 10.200.0.1 ");
        assertThat(Files.readString(Path.of("/var/lib/wgform-lab/wgl-3.log"))).contains("Accepted publickey for root from 10.200.0.1 ");
    }

    /** The lines under "# lab-N" in a plan's text, up to the next host. */
    static String planSection(String plan, String host) {
        int start = plan.indexOf("# " + host + "\n");
        if (start < 0) return "";
        int end = plan.indexOf("\n# ", start + 1);
        return plan.substring(start, end < 0 ? plan.length() : end);
    }

    /** wgform run from the admin's workstation: a JVM in namespace wgl-admin, with this test's class path. */
    static Lab.Result asAdmin(String command, String... rest) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", "wgl-admin", javaBinary(), "-cp",
                System.getProperty("java.class.path"), "dev.wgform.cli.Main", command, "--no-color", "--known-hosts",
                adminKnownHosts().toString()));
        cmd.addAll(List.of(rest));
        return Lab.exec(cmd);
    }

    /** The lab's known hosts, each key also under the host's mgmt address, as an admin would record them. */
    static Path adminKnownHosts() throws IOException {
        Path file = work.resolve("admin_known_hosts");
        if (Files.exists(file)) return file;
        StringBuilder lines = new StringBuilder();
        for (String line : Files.readAllLines(Lab.KNOWN_HOSTS)) {
            lines.append(line).append('\n');
            String host = line.substring(0, line.indexOf(' '));
            if (host.startsWith("198.51.100.")) lines.append(line.replaceFirst("^198\\.51\\.100\\.", "10.200.0.")).append('\n');
        }
        return Files.writeString(file, lines.toString());
    }

    static boolean pingFromAdmin(String address) {
        for (int i = 0; i < 5; i++) {
            if (Lab.exec(List.of("ip", "netns", "exec", "wgl-admin", "ping", "-c", "1", "-W", "2", address)).code() == 0) return true;
        }
        return false;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A TCP connection from inside lab host {@code from}'s namespace (through its tunnels), 3 s at most. */
    static boolean tcpFromHost(int from, String address, int port) {
        return Lab.exec(List.of("ip", "netns", "exec", "wgl-" + from, "python3", "-c",
                "import socket; socket.create_connection(('" + address + "', " + port + "), 3).close()")).code() == 0;
    }

    /**
     * A TCP listener and a UDP echo on 0.0.0.0 of lab host n, left running until the lab goes down (which stops every
     * process in its namespaces). Started from here rather than over SSH, so no session waits on them.
     */
    static void startListeners(int n) throws IOException {
        String udpEcho = "import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\ns.bind(('0.0.0.0', " + UDP_PROBE
                + "))\nwhile True:\n    d, a = s.recvfrom(64)\n    s.sendto(d, a)\n";
        for (List<String> server : List.of(List.of("python3", "-m", "http.server", "--bind", "0.0.0.0", String.valueOf(TCP_PROBE)),
                List.of("python3", "-c", udpEcho))) {
            List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", "wgl-" + n));
            cmd.addAll(server);
            Process p = new ProcessBuilder(cmd).directory(new java.io.File("/tmp")).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
        }
        Lab.exec(List.of("ip", "netns", "exec", "wgl-" + n, "sh", "-c", "for i in 1 2 3 4 5 6 7 8 9 10; do ss -Hltn 'sport = :" + TCP_PROBE
                + "' | grep -q . && ss -Hlun 'sport = :" + UDP_PROBE + "' | grep -q . && exit 0; sleep 0.3; done; exit 1")).assertOk();
    }
}
