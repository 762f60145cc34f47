package dev.wgform.facts;

import static dev.wgform.facts.ScriptRunner.executable;
import static dev.wgform.facts.ScriptRunner.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host with 4 interfaces of 16 peers each (64 PSK files), read for real with sh, then parsed. Prints the
 * script size, the run time and the parse time; the bounds asserted are loose (shared CI machines).
 */
class FactsScaleTest {
    private static final int INTERFACES = 4;
    private static final int PEERS = 16;
    private final SecureRandom random = new SecureRandom();

    @TempDir
    Path tmp;

    @Test
    void fourInterfacesOfSixteenPeers() throws Exception {
        Path realWg = ScriptRunner.which("wg").orElse(null);
        assumeTrue(realWg != null, "wg is needed to derive public keys");
        Path root = tmp.resolve("root");
        Path bin = tmp.resolve("bin");
        List<String> paths = new ArrayList<>();
        Map<String, String> keys = new LinkedHashMap<>();
        List<String> psks = new ArrayList<>();
        StringBuilder dump = new StringBuilder();
        for (int i = 0; i < INTERFACES; i++) {
            String iface = "wg-p" + i;
            String keyPath = "/etc/wireguard/keys/" + iface + ".key";
            write(root.resolve(keyPath.substring(1)), key() + "\n");
            keys.put(iface, keyPath);
            StringBuilder conf = new StringBuilder("[Interface]\nAddress = 10.20" + i + ".0.1/24\nListenPort = " + (51820 + i)
                    + "\nPrivateKey = " + key() + "\n");
            dump.append(iface).append("\t").append(key()).append("\t").append(key()).append("\t").append(51820 + i).append("\toff\n");
            for (int p = 0; p < PEERS; p++) {
                String pskPath = "/etc/wireguard/keys/" + iface + "/peer-" + p + ".psk";
                String psk = key();
                write(root.resolve(pskPath.substring(1)), psk + "\n");
                psks.add(pskPath);
                String pub = key();
                conf.append("\n[Peer]\n# peer-").append(p).append("\nPublicKey = ").append(pub).append("\nPresharedKey = ").append(psk)
                        .append("\nEndpoint = 198.51.100.").append(p + 10).append(":").append(51820 + i)
                        .append("\nAllowedIPs = 10.20").append(i).append(".0.").append(p + 2).append("/32\n");
                dump.append(iface).append("\t").append(pub).append("\t").append(psk).append("\t198.51.100.").append(p + 10).append(":")
                        .append(51820 + i).append("\t10.20").append(i).append(".0.").append(p + 2).append("/32\t1700000000\t12345\t67890\toff\n");
            }
            String confPath = "/etc/wireguard/" + iface + ".conf";
            write(root.resolve(confPath.substring(1)), conf.toString());
            paths.add(confPath);
        }
        write(tmp.resolve("dump.txt"), dump.toString());
        executable(bin.resolve("wg"), "#!/bin/sh\n"
                + "if [ \"$1 $2 $3\" = 'show all dump' ]; then cat \"$FAKE_WG_DUMP\"; exit 0; fi\nexec " + realWg + " \"$@\"\n");
        executable(bin.resolve("pgrep"), "#!/bin/sh\nexit 1\n");
        write(root.resolve("etc/os-release"), "ID=debian\nVERSION_ID=\"12\"\n");
        FactRequest req = new FactRequest(paths, keys, psks, List.of("sshd", "postgresql", "prometheus", "node_exporter", "nginx"));

        String script = FactScript.build(req);
        Map<String, String> env = Map.of("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "WGFORM_ROOT", root.toString(), "FAKE_WG_DUMP", tmp.resolve("dump.txt").toString());
        long t0 = System.nanoTime();
        ScriptRunner.Result r = ScriptRunner.run(List.of("/bin/sh"), script, env);
        long runMillis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.exit()).as(r.stderr()).isZero();

        HostFacts facts = FactParser.parse("big", r.stdout());
        assertThat(facts.interfaces()).hasSize(INTERFACES);
        assertThat(facts.interfaces().values()).allSatisfy(i -> assertThat(i.peers()).hasSize(PEERS));
        assertThat(facts.psks()).hasSize(INTERFACES * PEERS);
        assertThat(facts.keys()).hasSize(INTERFACES).allSatisfy((i, k) -> assertThat(k.publicKeyKnown()).isTrue());
        assertThat(facts.files()).hasSize(INTERFACES);
        assertThat(facts.files().values()).allSatisfy(f -> assertThat(f.content()).contains(FileFact.SECRET_MARKER)
                .doesNotContainPattern("(?m)^(PrivateKey|PresharedKey) = [A-Za-z0-9+/]{43}="));

        for (int i = 0; i < 50; i++) FactParser.parse("big", r.stdout()).fingerprint(); // warm up
        int rounds = 100;
        long p0 = System.nanoTime();
        for (int i = 0; i < rounds; i++) facts = FactParser.parse("big", r.stdout());
        double parseMicros = (System.nanoTime() - p0) / 1000.0 / rounds;
        long f0 = System.nanoTime();
        String fp = "";
        for (int i = 0; i < rounds; i++) fp = facts.fingerprint();
        double fingerprintMicros = (System.nanoTime() - f0) / 1000.0 / rounds;
        assertThat(fp).hasSize(64);

        System.out.printf("facts scale: %d interfaces x %d peers: script %d bytes, output %d bytes, sh run %d ms, "
                        + "parse %.0f us, fingerprint %.0f us%n", INTERFACES, PEERS, script.getBytes(StandardCharsets.UTF_8).length,
                r.stdout().length(), runMillis, parseMicros, fingerprintMicros);
        assertThat(parseMicros).isLessThan(50_000);
        assertThat(runMillis).isLessThan(20_000);
    }

    private String key() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
