package dev.wgform.apply;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plan of bringing an interface up without wg-quick, read from a config the way wg-quick reads it, in Debian's
 * awk (mawk) and busybox's: which configs it takes, what goes to {@code wg setconf}, which routes it adds.
 */
class QuickUpPlanTest {
    private static final String KEY = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    private static final String PEER = "YmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmI=";
    private final Path dir = temp();

    private record Result(List<String> plan, String stripped) {}

    @AfterEach
    void clean() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.delete(f);
        }
        Files.delete(dir);
    }

    private Result plan(String conf, String... awk) throws Exception {
        Path in = dir.resolve("wg-x.conf");
        Path out = dir.resolve("stripped");
        Files.deleteIfExists(out);
        Files.writeString(in, conf);
        String script = "STATE=/nonexistent RUN=test\n" + ScriptLibrary.COMMON + ScriptLibrary.INSTALL
                + "\n" + String.join(" ", awk) + " -v out=\"$1\" -v plan=/dev/stdout \"$QUICK_PLAN\" \"$2\"\n";
        Process p = new ProcessBuilder("sh", "-c", script, "sh", out.toString(), in.toString()).redirectErrorStream(true).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(stdout).isZero();
        List<String> lines = new ArrayList<>(stdout.lines().toList());
        return new Result(lines, Files.exists(out) ? Files.readString(out) : "");
    }

    private static String mesh(String extraInterface, String allowedIps, String endpoint) {
        return "# Managed by wgform\n[Interface]\nAddress = 10.200.0.1/24\nListenPort = 51820\n" + extraInterface
                + "PrivateKey = " + KEY + "\n\n[Peer]\n# lab-2\nPublicKey = " + PEER + "\nAllowedIPs = " + allowedIps + "\n"
                + (endpoint.isEmpty() ? "" : "Endpoint = " + endpoint + "\n") + "PersistentKeepalive = 25\n";
    }

    @ParameterizedTest
    @ValueSource(strings = {"awk", "busybox awk"})
    void aMeshConfigGoesToWgWithoutWgQuicksKeysAndItsAddressRoutesItsPeers(String awk) throws Exception {
        Result r = plan(mesh("", "10.200.0.2/32", "198.51.100.2:51820"), awk.split(" "));

        assertThat(r.plan()).containsExactly("addr 10.200.0.1/24", "ep 198.51.100.2", "quick");
        assertThat(r.stripped()).isEqualTo(mesh("", "10.200.0.2/32", "198.51.100.2:51820").replace("Address = 10.200.0.1/24\n", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"awk", "busybox awk"})
    void routesNoAddressCoversAreAddedMostSpecificFirstAsNetworks(String awk) throws Exception {
        Result r = plan(mesh("MTU = 1380\n", "10.200.0.2/32, 192.168.20.0/24,10.9.0.5/16 , 192.168.20.7/32", ""), awk.split(" "));

        assertThat(r.plan()).containsExactly("addr 10.200.0.1/24", "mtu 1380",
                "route 192.168.20.7/32", "route 192.168.20.0/24", "route 10.9.0.0/16", "quick");
        assertThat(r.stripped()).doesNotContain("MTU").contains("AllowedIPs = 10.200.0.2/32, 192.168.20.0/24");
    }

    @Test
    void keysAreReadWhateverTheirCaseAndCommentsAreNotValues() throws Exception {
        Result r = plan("[interface]\naddress=10.1.0.1/24 # mgmt\nADDRESS = 10.1.1.1/32,10.1.2.1\nprivatekey = " + KEY
                + "\n[peer]\npublickey = " + PEER + "\nallowedips = 10.1.0.0/16 # everything\n", "awk");

        assertThat(r.plan()).containsExactly("addr 10.1.0.1/24", "addr 10.1.1.1/32", "addr 10.1.2.1", "route 10.1.0.0/16", "quick");
        assertThat(r.stripped()).doesNotContainIgnoringCase("address").contains("privatekey = " + KEY);
    }

    @Test
    void configsThatNeedWgQuickItselfGetNoPlan() throws Exception {
        for (String conf : List.of(
                mesh("DNS = 10.200.0.53\n", "10.200.0.2/32", ""),
                mesh("PostUp = sysctl -q -w net.ipv4.ip_forward=1\n", "10.200.0.2/32", ""),
                mesh("preup = true\n", "10.200.0.2/32", ""),
                mesh("PreDown = true\n", "10.200.0.2/32", ""),
                mesh("PostDown = true\n", "10.200.0.2/32", ""),
                mesh("Table = off\n", "10.200.0.2/32", ""),
                mesh("SaveConfig = true\n", "10.200.0.2/32", ""),
                mesh("MTU = auto\n", "10.200.0.2/32", ""),
                mesh("", "0.0.0.0/0", ""),
                mesh("", "10.200.0.2/32, fd00::2/128", ""),
                mesh("", "10.200.0.2/32", "hub.example.net:51820"),
                mesh("", "10.200.0.2/32", "[2001:db8::2]:51820"),
                mesh("", "10.200.0.300/32", ""),
                mesh("Address = fd00::1/64\n", "10.200.0.2/32", ""),
                "[Interface]\nPrivateKey = " + KEY + "\n")) {
            assertThat(plan(conf, "awk").plan()).as(conf).isEmpty();
        }
    }

    private static Path temp() {
        try {
            return Files.createTempDirectory("wgform-quick-up-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
