package dev.wgform.it;

import static dev.wgform.it.Lab.pingEventually;
import static dev.wgform.it.Lab.ssh;
import static dev.wgform.it.Lab.wgform;
import static dev.wgform.it.Lab.wgformLab;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.json.JsonReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's proof on real hosts: after apply, drift is clean; then one kind of drift at a time is made by hand the
 * way an admin would (an edited config, {@code wg set}, an interface taken down, the firewall table flushed, a bound
 * service stopped, mismatched PSKs): drift exits 2 naming exactly that resource on that host, apply repairs it, and
 * drift is clean again. Drift itself changes nothing on any host.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabDriftTest {
    @TempDir
    static Path work;
    static Path inventory;
    static Path playbook;
    static Path templates;

    @BeforeAll
    static void labUp() throws IOException {
        Lab.assumeLabPossible();
        wgform("lab", "up", "3").assertOk();
        inventory = work.resolve("three.yml");
        Files.writeString(inventory, Lab.inventory(3));
        // the four-plane example plus a custom service bound on the app plane: a small listener the lab can stop
        templates = Files.createDirectories(work.resolve("templates"));
        Files.writeString(templates.resolve("probe.env.ftl"), "ADDRESS=${service.address}\nPORT=${service.port}\n");
        playbook = work.resolve("drift.yml");
        Files.writeString(playbook, Files.readString(Lab.FOUR_PLANE).replace("services:\n", "services:\n"
                + "  probe:\n    plane: app\n    port: 8081\n    hosts: [web]\n    template: probe.env.ftl\n    destination: /root/probe.env\n"
                + "    reload: \". /root/probe.env; pkill -x probe; ln -sf \\\"$(command -v python3)\\\" /root/probe; cd /tmp; "
                + "setsid /root/probe -m http.server --bind \\\"$ADDRESS\\\" \\\"$PORT\\\" </dev/null >/dev/null 2>&1 &\"\n"));
    }

    @AfterAll
    static void labDown() {
        if (inventory != null) wgform("lab", "down");
    }

    @Test
    @Order(1)
    void afterApplyThereIsNoDriftAndDriftReadsEachHostWithOneCommand() {
        apply();
        Lab.Result drift = drift("--verbose");
        assertThat(drift.code()).as(drift.all()).isZero();
        assertThat(drift.out()).contains("No drift");
        assertThat(drift.err()).contains("read 3 hosts in").contains(": 3 SSH sessions, 3 remote commands");
        assertThat(ssh(3, "ss -ltnH").out()).contains("10.203.0.3:8081"); // the probe listens where bound
    }

    @Test
    @Order(2) // any time after the first apply: it only looks
    void whatApplyWroteIsRootOwnedWithTightModes() {
        for (int n = 1; n <= 3; n++) {
            String modes = ssh(n, "cd / && stat -c '%a %U:%G %n' etc/wireguard etc/wireguard/keys etc/wireguard/keys/wg-mgmt "
                    + "etc/wireguard/keys/*.key etc/wireguard/keys/wg-mgmt/*.psk etc/wireguard/*.conf etc/nftables.d/wgform.nft "
                    + "etc/ssh/sshd_config.d/wgform.conf var/lib/wgform var/lib/wgform/manifest.json").out();
            for (String line : modes.strip().split("\n")) {
                String[] f = line.split(" ", 3);
                String expected = f[2].endsWith("manifest.json") ? "644"
                        : f[2].equals("etc/wireguard") || f[2].startsWith("etc/wireguard/keys") && !f[2].contains(".") || f[2].equals("var/lib/wgform")
                        ? "700" : "600";
                assertThat(f[0] + " " + f[1]).as("lab-" + n + ": " + f[2]).isEqualTo(expected + " root:root");
            }
            assertThat(modes.strip().split("\n")).as(modes).hasSizeGreaterThanOrEqualTo(15);
        }
    }

    @Test
    @Order(2)
    void aConfigEditedByHand() {
        ssh(2, "sed -i 's/^ListenPort = 51821$/ListenPort = 51999/' /etc/wireguard/wg-data.conf").assertOk();
        assertDriftRepaired(2, "file", "/etc/wireguard/wg-data.conf", "-ListenPort = 51999");
    }

    @Test
    @Order(3)
    void aPeerAddedWithWgSet() {
        String key = ssh(1, "wg genkey | wg pubkey").out().strip();
        ssh(1, "wg set wg-mgmt peer " + key + " allowed-ips 10.200.0.99/32").assertOk();
        assertDriftRepaired(1, "peers", "wg-mgmt", "unexpected peer " + key.substring(0, 8));
    }

    @Test
    @Order(4)
    void anInterfaceTakenDown() {
        ssh(2, "wg-quick down wg-app").assertOk();
        assertDriftRepaired(2, "interface", "wg-app", "down");
        assertThat(pingEventually(1, "10.203.0.2")).isTrue();
    }

    @Test
    @Order(5)
    void theFirewallTableFlushed() {
        ssh(3, "nft flush table inet wgform").assertOk();
        assertDriftRepaired(3, "firewall", "/etc/nftables.d/wgform.nft", "changed by hand");
        assertThat(ssh(3, "nft list table inet wgform").out()).contains("udp dport");
    }

    @Test
    @Order(6)
    void aBoundServiceStopped() {
        ssh(3, "pkill -x probe").assertOk();
        assertDriftRepaired(3, "service", "/root/probe.env", "probe is not listening on 10.203.0.3:8081");
        assertThat(ssh(3, "ss -ltnH").out()).contains("10.203.0.3:8081");
    }

    @Test
    @Order(7)
    void mismatchedPsks() {
        ssh(1, "wg genpsk > /etc/wireguard/keys/wg-mgmt/lab-2.psk").assertOk();
        assertDriftRepaired(1, "psk", "psk wg-mgmt lab-2", "");
        assertThat(pingEventually(2, "10.200.0.1")).isTrue();
    }

    @Test
    @Order(7)
    void aKeyFileLoosenedByHand() {
        ssh(2, "chmod 644 /etc/wireguard/keys/wg-data.key").assertOk();
        assertDriftRepaired(2, "key", "wg-data", "mode 0644 -> 0600");
        assertThat(ssh(2, "stat -c %a /etc/wireguard/keys/wg-data.key").out().strip()).isEqualTo("600");
    }

    @Test
    @Order(8)
    void anUnreachableHostIsDriftUnlessAllowedAndDriftChangesNothing() {
        String before = snapshot();
        Lab.exec(List.of("ip", "netns", "exec", "wgl-3", "ip", "link", "set", "eth0", "down"));
        try {
            Lab.Result drift = drift();
            assertThat(drift.code()).as(drift.all()).isEqualTo(2);
            assertThat(drift.out()).contains("lab-3").contains("unreachable");
            Lab.Result ok = drift("--unreachable-ok");
            assertThat(ok.code()).as(ok.all()).isZero();
        } finally {
            Lab.exec(List.of("ip", "netns", "exec", "wgl-3", "ip", "link", "set", "eth0", "up"));
        }
        assertThat(snapshot()).as("drift wrote nothing on any host").isEqualTo(before);
    }

    @Test
    @Order(9)
    void writesJsonPrometheusAndHtml() throws IOException {
        Path prom = work.resolve("wgform.prom");
        Path html = work.resolve("report.html");
        Lab.Result drift = drift("--json", "--prometheus", prom.toString(), "--html", html.toString());
        assertThat(drift.code()).as(drift.all()).isZero();
        Map<String, Object> json = JsonReader.parseObject(drift.out());
        assertThat(json).containsEntry("version", 1L).containsEntry("drift", false);
        assertThat((List<?>) json.get("peers")).hasSize(3 * 4 * 2); // 3 hosts, 4 planes, 2 peers each
        assertThat(Files.readString(prom)).contains("wgform_host_reachable{host=\"lab-1\"} 1")
                .contains("wgform_peer_handshake_age_seconds{plane=\"mgmt\",host=\"lab-1\",peer=\"lab-2\"}");
        assertThat(Files.readString(html)).contains("heatmap-mgmt");
        Lab.Result status = wgformLab("status", "-i", inventory.toString(), playbook.toString(), "--templates", templates.toString());
        assertThat(status.code()).as(status.all()).isZero();
        assertThat(status.out()).contains("mgmt").contains("lab-2");
    }

    private static void assertDriftRepaired(int host, String kind, String resource, String detail) {
        Lab.Result drift = drift("--json");
        assertThat(drift.code()).as(drift.all()).isEqualTo(2);
        List<?> items = (List<?>) JsonReader.parseObject(drift.out()).get("items");
        assertThat(items).as(drift.out()).anySatisfy(i -> {
            Map<?, ?> item = (Map<?, ?>) i;
            assertThat(item.get("host")).isEqualTo("lab-" + host);
            assertThat(item.get("kind")).isEqualTo(kind);
            assertThat(item.get("resource")).isEqualTo(resource);
            assertThat(item.get("summary") + " " + item.get("details") + " " + item.get("diff")).contains(detail);
        });
        // exactly that resource on that host, and nothing elsewhere (a PSK mismatch shows on both of its peers)
        assertThat(items).allSatisfy(i -> assertThat(((Map<?, ?>) i).get("kind")).isEqualTo(kind));
        apply();
        Lab.Result clean = drift();
        assertThat(clean.code()).as(clean.all()).isZero();
    }

    private static void apply() {
        Lab.Result r = wgformLab("apply", "-i", inventory.toString(), playbook.toString(), "--templates", templates.toString(), "--auto-approve");
        assertThat(r.code()).as(r.all()).isZero();
    }

    private static Lab.Result drift(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("-i", inventory.toString(), playbook.toString(), "--templates", templates.toString()));
        args.addAll(List.of(more));
        return wgformLab("drift", args.toArray(String[]::new));
    }

    /** Every managed file's and key's change time on every host: drift must leave them all as they were. */
    private static String snapshot() {
        StringBuilder out = new StringBuilder();
        for (int n = 1; n <= 3; n++) {
            out.append(ssh(n, "find /etc/wireguard /etc/nftables.d /etc/ssh/sshd_config.d /var/lib/wgform /root/probe.env -exec stat -c '%n %Z %s' {} + 2>/dev/null; "
                    + "nft -s list table inet wgform | sha256sum; wg show all peers | sort").out());
        }
        return out.toString();
    }
}
