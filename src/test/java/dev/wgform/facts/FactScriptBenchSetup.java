package dev.wgform.facts;

import static dev.wgform.facts.ScriptRunner.executable;
import static dev.wgform.facts.ScriptRunner.write;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Not a test: with {@code -Dwgform.factbench=DIR} it writes realistic hosts (a root dir, a fake wg, the generated
 * script) under DIR, so the script's process count and run time can be measured with strace / time by hand:
 * {@code cd DIR/big && PATH=$PWD/bin:$PATH WGFORM_ROOT=$PWD/root FAKE_WG_DUMP=$PWD/dump.txt sh facts.sh}.
 */
class FactScriptBenchSetup {
    private final SecureRandom random = new SecureRandom();

    @Test
    void writeBenchHosts() {
        String dir = System.getProperty("wgform.factbench");
        assumeTrue(dir != null, "only with -Dwgform.factbench=DIR");
        Path realWg = ScriptRunner.which("wg").orElseThrow();
        host(Path.of(dir, "big"), realWg, 4, 16, 64);
        host(Path.of(dir, "small"), realWg, 4, 3, 7);
    }

    private void host(Path dir, Path realWg, int interfaces, int peers, int pskCount) {
        Path root = dir.resolve("root");
        List<String> paths = new ArrayList<>();
        Map<String, String> keys = new LinkedHashMap<>();
        List<String> psks = new ArrayList<>();
        StringBuilder dump = new StringBuilder();
        StringBuilder manifest = new StringBuilder("{\n  \"version\": 1,\n  \"files\": [\n");
        for (int i = 0; i < interfaces; i++) {
            String iface = "wg-p" + i;
            String keyPath = "/etc/wireguard/keys/" + iface + ".key";
            write(root.resolve(keyPath.substring(1)), key() + "\n");
            keys.put(iface, keyPath);
            StringBuilder conf = new StringBuilder("[Interface]\nAddress = 10.20" + i + ".0.1/24\nListenPort = " + (51820 + i)
                    + "\nPrivateKey = " + key() + "\n");
            dump.append(iface).append("\t").append(key()).append("\t").append(key()).append("\t").append(51820 + i).append("\toff\n");
            for (int p = 0; p < peers; p++) {
                String psk = key();
                if (psks.size() < pskCount) {
                    String pskPath = "/etc/wireguard/keys/" + iface + "/peer-" + p + ".psk";
                    write(root.resolve(pskPath.substring(1)), psk + "\n");
                    psks.add(pskPath);
                }
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
            manifest.append("    {\"path\": \"").append(confPath).append("\", \"owner\": \"wg\", \"sha256\": \"").append("1".repeat(64)).append("\"},\n");
        }
        for (String svc : List.of("ssh", "postgresql", "prometheus", "nginx")) {
            String p = "/etc/wgform-bench/" + svc + ".conf";
            write(root.resolve(p.substring(1)), "listen 10.200.0.1\n");
            paths.add(p);
            manifest.append("    {\"path\": \"").append(p).append("\", \"owner\": \"service:x\", \"sha256\": \"").append("2".repeat(64)).append("\"},\n");
        }
        paths.add("/etc/nftables.d/wgform.nft"); // asked for, absent
        manifest.append("    {\"path\": \"/etc/wireguard/wg-gone.conf\", \"owner\": \"wg\", \"sha256\": \"").append("3".repeat(64)).append("\"}\n  ]\n}\n");
        write(root.resolve("var/lib/wgform/manifest.json"), manifest.toString());
        write(root.resolve("etc/os-release"), "ID=debian\nVERSION_ID=\"12\"\n");
        write(root.resolve("proc/1/comm"), "tini\n");
        String[] comms = {"sshd", "bash", "cron", "rsyslogd", "kworker/0:1", "nginx", "postgres", "agetty", "dbus-daemon"};
        for (int pid = 2; pid < 200; pid++) write(root.resolve("proc/" + pid + "/comm"), comms[pid % comms.length] + "\n");
        write(dir.resolve("dump.txt"), dump.toString());
        executable(dir.resolve("bin/wg"), "#!/bin/sh\n"
                + "if [ \"$1 $2 $3\" = 'show all dump' ]; then cat \"$FAKE_WG_DUMP\"; exit 0; fi\nexec " + realWg + " \"$@\"\n");
        executable(dir.resolve("bin/pgrep"), "#!/bin/sh\n[ \"$1\" = -x ] && [ \"$2\" = sshd ]\n");
        FactRequest req = new FactRequest(paths, keys, psks, List.of("sshd", "postgresql", "prometheus", "node_exporter", "nginx"));
        write(dir.resolve("facts.sh"), FactScript.build(req));
    }

    private String key() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
