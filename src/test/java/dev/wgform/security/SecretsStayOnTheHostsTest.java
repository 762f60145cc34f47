package dev.wgform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole command line against hosts that hold real secrets: private keys generated on them by apply, PSKs pushed
 * by it, {@code wg show all dump} printing both (as the real one does), a config edited by hand with secrets in
 * spellings the redaction must catch, and a wg-quick that echoes the private key when it fails. No private key or
 * PSK, in base64 or hex, may cross the wire back from a host (stdout and stderr of every command), appear in
 * anything wgform prints (plan, plan --json, --verbose, apply, drift --json, status --json), in any file it writes
 * (plan file, Prometheus textfile, HTML report, lock file), or in any other file that appeared on the workstation
 * meanwhile (its directory, the temp directory, the home directory).
 *
 * <p>{@code planner/PlanFileSecretsTest} covers the planner half alone: a secret that reached the facts unredacted
 * still never reaches a plan file, the JSON or the view.
 */
class SecretsStayOnTheHostsTest {
    @TempDir
    Path base;

    @Test
    void noPrivateKeyOrPskLeavesTheHostsWhateverWgformIsAskedToShowOrSave() throws IOException {
        Instant start = Instant.now().minusSeconds(2);
        List<String> printed = new ArrayList<>();
        try (LoopbackFleet fleet = LoopbackFleet.start(base, "node-a", "node-b", "node-c")) {
            Path inventory = fleet.inventory(Map.of("node-c", "wg_os_family: redhat"));
            String playbookText = """
                    planes:
                      mgmt: { subnet: 10.200.0.0/24, port: 51820, members: [all], psk: true }
                    services:
                      sshd: { plane: mgmt }
                    firewall: { policy: stealth }
                    """;
            Path playbook = fleet.write("playbook.yml", playbookText);
            String inv = inventory.toString();
            String pb = playbook.toString();

            LoopbackFleet.Result first = fleet.wgform("apply", "--auto-approve", "--verbose", "-i", inv, pb);
            assertThat(first.exit()).as(first.all()).isZero();
            printed.add(first.all());

            Map<String, String> secrets = secretsOnTheHosts(fleet);
            assertThat(secrets).as("3 private keys, 3 pairs of PSK copies").hasSize(3 + 6);
            // the hosts really hold and show them: the running config has the key, so wg show all dump prints it
            LoopbackHost a = fleet.host("node-a");
            String keyA = a.read("/etc/wireguard/keys/wg-mgmt.key").strip();
            assertThat(Files.readString(a.state.resolve("up/wg-mgmt"))).contains("PrivateKey = " + keyA);

            // by hand on node-a: secrets in spellings wg itself reads, and a commented-out one
            String pskAB = a.read("/etc/wireguard/keys/wg-mgmt/node-b.psk").strip();
            String keyB = fleet.host("node-b").read("/etc/wireguard/keys/wg-mgmt.key").strip();
            Files.writeString(a.path("/etc/wireguard/wg-mgmt.conf"), a.read("/etc/wireguard/wg-mgmt.conf")
                    + "#PrivateKey=" + keyB + "\n  presharedKEY   =\t" + pskAB + "\n; Private Key = " + keyB + "\n");
            // node-b lost a PSK: it is pushed again
            Files.delete(fleet.host("node-b").path("/etc/wireguard/keys/wg-mgmt/node-c.psk"));
            // a new port restarts every interface; on node-c wg-quick fails, quoting the config's PrivateKey line
            fleet.write("playbook.yml", playbookText.replace("port: 51820", "port: 51830"));
            fleet.host("node-c").env.put("FAKE_FAIL", "wg-setconf");
            fleet.host("node-c").env.put("FAKE_ECHO_KEY", "1");

            LoopbackFleet.Result plan = fleet.wgform("plan", "--verbose", "-i", inv, pb);
            LoopbackFleet.Result json = fleet.wgform("plan", "--json", "-i", inv, pb);
            Path planFile = fleet.dir.resolve("saved.plan");
            LoopbackFleet.Result saved = fleet.wgform("plan", "--out", planFile.toString(), "-i", inv, pb);
            LoopbackFleet.Result drift = fleet.wgform("drift", "--json", "--prometheus", fleet.dir.resolve("wgform.prom").toString(),
                    "--html", fleet.dir.resolve("report.html").toString(), "-i", inv, pb);
            LoopbackFleet.Result status = fleet.wgform("status", "--json", "-i", inv, pb);
            LoopbackFleet.Result apply = fleet.wgform("apply", "--verbose", "--stacktrace", "-i", inv, pb, planFile.toString());
            for (LoopbackFleet.Result r : List.of(plan, json, saved, drift, status, apply)) printed.add(r.all());

            // the runs did what they should, so the absence below means something
            assertThat(plan.out()).contains("(sensitive)", "PrivateKey = {{wgform-secret}}", "presharedKEY   =\t{{wgform-secret}}");
            assertThat(json.out()).contains("(sensitive)");
            assertThat(planFile).isRegularFile();
            assertThat(drift.exit()).isEqualTo(2);
            assertThat(fleet.dir.resolve("wgform.prom")).isRegularFile();
            assertThat(fleet.dir.resolve("report.html")).isRegularFile();
            assertThat(apply.exit()).isEqualTo(1);
            assertThat(apply.out()).contains("node-c: FAILED", "(redacted)").contains("node-a: changed", "node-b: changed");
            assertThat(fleet.host("node-c").read("/etc/wireguard/wg-mgmt.conf")).as("node-c rolled back").contains("51820");

            secrets.putAll(secretsOnTheHosts(fleet)); // the PSK pushed again is new
            Map<String, String> forms = everyForm(secrets);
            for (String text : printed) assertNone(forms, "output", text);
            // nor did they cross the wire back: every command's stdout and stderr, on every host
            for (LoopbackHost h : fleet.hosts.values()) {
                assertThat(h.received()).hasSizeGreaterThan(5);
                for (LoopbackHost.Received r : h.received()) assertNone(forms, "what " + h.name + " sent back", r.sentBack());
            }
            try (Stream<Path> files = Files.walk(fleet.dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) assertNone(forms, f.toString(), Files.readString(f));
            }
            for (Path dir : List.of(Path.of(System.getProperty("java.io.tmpdir")), Path.of(System.getProperty("user.home")))) {
                for (Path f : writtenSince(dir, start, base)) assertNone(forms, f.toString(), read(f));
            }
        }
    }

    /** Every private key and PSK file on the hosts, by where it is: their base64 text. */
    private static Map<String, String> secretsOnTheHosts(LoopbackFleet fleet) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (LoopbackHost h : fleet.hosts.values()) {
            Path keys = h.path("/etc/wireguard/keys");
            if (!Files.isDirectory(keys)) continue;
            try (Stream<Path> files = Files.walk(keys)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    out.put(h.name + ":" + keys.relativize(f), Files.readString(f).strip());
                }
            }
        }
        out.values().forEach(v -> assertThat(Base64.getDecoder().decode(v)).hasSize(32));
        return out;
    }

    /** base64, base64 without padding (as it might be cut), and hex in both cases. */
    private static Map<String, String> everyForm(Map<String, String> secrets) {
        Map<String, String> forms = new LinkedHashMap<>();
        secrets.forEach((where, b64) -> {
            byte[] raw = Base64.getDecoder().decode(b64);
            forms.put(b64.substring(0, 43), where);
            forms.put(HexFormat.of().formatHex(raw), where);
            forms.put(HexFormat.of().withUpperCase().formatHex(raw), where);
        });
        return forms;
    }

    private static void assertNone(Map<String, String> forms, String where, String text) {
        forms.forEach((form, secret) -> assertThat(text).as("%s holds the secret %s", where, secret).doesNotContain(form));
    }

    /** Small regular files under {@code dir} changed since {@code start}, except under {@code skip} (the hosts). */
    private static List<Path> writtenSince(Path dir, Instant start, Path skip) throws IOException {
        FileTime since = FileTime.from(start);
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        Files.walkFileTree(dir, java.util.Set.of(), 6, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(Path d, java.nio.file.attribute.BasicFileAttributes attrs) {
                return d.startsWith(skip) || d.getFileName() != null && d.getFileName().toString().equals(".m2")
                        ? java.nio.file.FileVisitResult.SKIP_SUBTREE : java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && attrs.size() < 1 << 20 && attrs.lastModifiedTime().compareTo(since) >= 0) out.add(f);
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path f, IOException e) {
                return java.nio.file.FileVisitResult.CONTINUE; // gone meanwhile, or not ours to read
            }
        });
        return out;
    }

    private static String read(Path f) {
        try {
            return new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return ""; // removed meanwhile by whoever wrote it
        }
    }
}
