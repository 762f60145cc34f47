package dev.wgform.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wgform.inventory.FleetLoader;
import dev.wgform.model.Host;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real lab: needs root on Linux, so it is tagged "lab" and left out of the default build. Run it with
 * {@code mvn test -Dgroups=lab -DexcludedGroups=none -Dtest=LabIntegrationTest}. It refuses to start when a lab is
 * already there (it would not take someone else's lab down), and takes its own down even when an assertion fails.
 */
@Tag("lab")
class LabIntegrationTest {
    @TempDir
    Path workspace;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private LabService lab;
    private boolean mayNeedDown;

    @BeforeEach
    void onlyAsRootOnLinuxWithoutALabAlready() throws Exception {
        assumeTrue(Platform.isLinux(System.getProperty("os.name")), "needs Linux");
        assumeTrue(Platform.effectiveUid(Files.readString(Path.of("/proc/self/status"))).orElse(-1) == 0, "needs root");
        assumeTrue(labLeftovers().isEmpty(), "a lab is already there: " + labLeftovers());
        lab = new LabService(new LabFiles(workspace), new PrintWriter(out, true), new PrintWriter(err, true), Machine.current());
    }

    @AfterEach
    void takeItDown() throws Exception {
        if (mayNeedDown) lab.down();
    }

    @Test
    void threeHostsAnswerSshAndTalkWireGuardThenDownLeavesNothing() throws Exception {
        mayNeedDown = true;
        assertThat(lab.up(3, 1)).as("up: %s %s", out, err).isZero();
        LabFiles files = lab.files();

        // the inventory fits the four-plane playbook as it is
        List<Host> hosts = FleetLoader.load(files.inventory(), Path.of("playbooks", "four-plane.yml")).fleet().inventory().hosts();
        assertThat(hosts).extracting(Host::name).containsExactly("lab-1", "lab-2", "lab-3");
        assertThat(Files.readAllLines(files.knownHosts())).hasSize(3).allMatch(l -> l.matches("198\\.51\\.100\\.[123] ssh-ed25519 \\S+"));

        // every host answers SSH with the key and host key the lab wrote, and is who it says it is
        for (int i = 1; i <= 3; i++) assertThat(ssh(i, "true").code).as("ssh lab-%d", i).isZero();
        Result who = ssh(2, "hostname; . /etc/os-release; echo $ID; cat /proc/1/comm; echo $WG_I_PREFER_BUGGY_USERSPACE_TO_POLISHED_KMOD");
        assertThat(who.out.lines()).containsExactly("lab-2", "debian", "sshd", "1");

        // the same lab again changes nothing; a different one is refused
        assertThat(lab.up(3, 1)).isZero();
        assertThat(out.toString()).contains("already up with 3 hosts");
        assertThat(lab.up(4, 0)).isEqualTo(1);
        assertThat(err.toString()).contains("a lab is already up with 3 hosts").contains("wgform lab down");

        // a throwaway WireGuard interface between lab-1 and lab-3 (RHEL family): keys made on the hosts, wg-quick over SSH
        Result key1 = ssh(1, NEW_KEY);
        Result key3 = ssh(3, "grep -x 'ID=\"rocky\"' /etc/os-release >&2 && " + NEW_KEY);
        assertThat(key1.code).isZero();
        assertThat(key3.code).as(key3.out).isZero();
        assertThat(ssh(1, wgQuickUp(1, lastLine(key3), 3)).code).isZero();
        Result three = ssh(3, wgQuickUp(3, lastLine(key1), 1) + "ping -c1 -W3 10.203.0.1 >/dev/null\nls /run/wireguard /etc/wireguard\n");
        assertThat(three.code).as(three.out).isZero();
        assertThat(three.out).contains("wgt0.sock", "wgt0.conf"); // in lab-3's own /run/wireguard and /etc/wireguard
        assertThat(run("ip", "netns", "exec", "wgl-1", "ping", "-c1", "-W3", "10.203.0.3").code).isZero();
        assertThat(ssh(2, "ls -A /run/wireguard /etc/wireguard | grep -c wgt0 || true").out.strip()).isEqualTo("0");
        assertThat(Path.of("/run/wireguard/wgt0.sock")).doesNotExist();

        List<String> pids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) pids.addAll(run("ip", "netns", "pids", "wgl-" + i).out.lines().toList());
        assertThat(pids).hasSizeGreaterThanOrEqualTo(3 * 2 + 2); // per host unshare + sshd, and two wireguard-go

        assertThat(lab.down()).isZero();
        mayNeedDown = false;
        assertThat(labLeftovers()).isEmpty();
        assertThat(pids).noneMatch(LabIntegrationTest::alive);
        assertThat(workspace).isEmptyDirectory();
        assertThat(lab.down()).isZero();
        assertThat(out.toString()).contains("no lab to take down");
    }

    @Test
    void downRemovesAHalfMadeLabThatUpRefusesToBuildOn() throws Exception {
        mayNeedDown = true;
        run("ip", "netns", "add", "wgl-7");
        run("ip", "link", "add", "wgl-br0", "type", "bridge");
        Files.createDirectories(Path.of("/etc/netns/wgl-7/ssh"));
        assertThat(lab.up(2, 0)).isEqualTo(1);
        assertThat(err.toString()).contains("partly there");
        assertThat(lab.status()).isEqualTo(1);
        assertThat(lab.down()).isZero();
        mayNeedDown = false;
        assertThat(labLeftovers()).isEmpty();
    }

    @Test
    void aRouteIntoTheLabRangeIsRefusedBeforeAnythingIsMade() throws Exception {
        assertThat(run("ip", "route", "add", "blackhole", "198.51.100.0/25").code).isZero();
        try {
            assertThatThrownBy(() -> lab.up(2, 0)).isInstanceOf(LabException.class)
                    .hasMessageContaining("already routed").hasMessageContaining("blackhole 198.51.100.0/25");
            assertThat(labLeftovers()).isEmpty();
            assertThat(workspace).isEmptyDirectory();
        } finally {
            run("ip", "route", "del", "blackhole", "198.51.100.0/25");
        }
    }

    // a zombie holds nothing; reaping it is its parent's (init's) business
    private static boolean alive(String pid) {
        try {
            return Files.readAllLines(Path.of("/proc", pid, "status")).stream().noneMatch(l -> l.matches("State:\\s*Z.*"));
        } catch (IOException e) {
            return false;
        }
    }

    // what the lab leaves on the system when it is up (or half up): nothing of it may remain after down
    private static List<String> labLeftovers() throws Exception {
        List<String> left = new ArrayList<>();
        run("ip", "netns", "list").out.lines().map(l -> l.split(" ")[0]).filter(n -> n.startsWith("wgl-")).forEach(left::add);
        run("ip", "-o", "link", "show").out.lines().map(l -> l.split(": ")[1].split("@")[0]).filter(n -> n.startsWith("wgl-")).forEach(left::add);
        for (String dir : List.of("/etc/netns", "/run")) {
            if (!Files.isDirectory(Path.of(dir))) continue;
            try (Stream<Path> list = Files.list(Path.of(dir))) {
                list.filter(p -> p.getFileName().toString().startsWith("wgl-")).forEach(p -> left.add(p.toString()));
            }
        }
        if (Files.exists(Path.of("/var/lib/wgform-lab"))) left.add("/var/lib/wgform-lab");
        return left;
    }

    // a host's private key is made on it and never leaves it; its public key comes back
    private static final String NEW_KEY = "umask 077; wg genkey > /etc/wireguard/wgt0.key && wg pubkey < /etc/wireguard/wgt0.key";

    private static String lastLine(Result r) {
        List<String> lines = r.out.lines().toList();
        return lines.get(lines.size() - 1).strip();
    }

    private static String wgQuickUp(int self, String peerKey, int peer) {
        return "set -e; umask 077\n"
                + "{ echo '[Interface]'; echo \"PrivateKey = $(cat /etc/wireguard/wgt0.key)\"; echo 'Address = 10.203.0." + self + "/24'\n"
                + "  echo 'ListenPort = 51899'; echo '[Peer]'; echo 'PublicKey = " + peerKey + "'\n"
                + "  echo 'AllowedIPs = 10.203.0." + peer + "/32'; echo 'Endpoint = 198.51.100." + peer + ":51899'; } > /etc/wireguard/wgt0.conf\n"
                + "wg-quick up wgt0 2>/dev/null\n";
    }

    private Result ssh(int host, String script) throws Exception {
        LabFiles files = lab.files();
        return runWithInput(script, "ssh", "-i", files.identity().toString(), "-o", "UserKnownHostsFile=" + files.knownHosts(),
                "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o", "ConnectTimeout=5",
                "root@198.51.100." + host, "sh -s");
    }

    private static Result run(String... command) throws Exception {
        return runWithInput("", command);
    }

    private static Result runWithInput(String stdin, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), output);
    }

    private record Result(int code, String out) {}
}
