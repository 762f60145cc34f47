package dev.wgform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad input corpus (src/test/resources/bad/): every malformed inventory or playbook goes through the real command
 * line, {@code validate} and then {@code plan}, and both must refuse it alike: exit 1; the first line of stderr names the
 * broken file and line ({@code file:line:col: key: message}), or only the file for what concerns the whole file (empty,
 * too big, missing); a count line; no stack trace; nothing on stdout; and no SSH connection.
 *
 * <p>Every inventory of the corpus points its hosts at 127.0.0.1, at a port where this test listens and counts
 * connections, with a real private key, so a case that got as far as SSH would be counted; the positive control shows
 * that the valid pair does get that far. Set {@code -Dwgform.badInputTable=FILE} to have the cases and their first
 * lines written there as a Markdown table.
 */
@Timeout(20)
class BadInputCorpusTest {
    private static final Path CORPUS = Path.of("src/test/resources/bad");
    private static final String OK_INVENTORY = "ok.inventory.yml";
    private static final String OK_PLAYBOOK = "ok.playbook.yml";
    /** Written in the corpus where the listener's port and a real key go; each case's copy has them replaced. */
    private static final String PORT = "59022";
    private static final String KEY = "/wgform-test-key";
    private static final long FIFTY_MB = 50L * 1024 * 1024;

    private static Listener listener;
    private static Path key;
    /** case name -> its Markdown row, in the order the cases ran */
    private static final Map<String, String> ROWS = new LinkedHashMap<>();

    @TempDir
    static Path shared;

    static List<Case> cases() {
        return List.of(
                // YAML syntax
                inventory("syntax-bad-indent", "a host indented one space less than the one above", 11, "YAML syntax error"),
                playbook("syntax-unclosed-quote", "a quote never closed", 5, "YAML syntax error: found unexpected end of stream"),
                playbook("syntax-unclosed-bracket", "a [ list never closed", 3, "YAML syntax error: expected ',' or ']'"),
                inventory("syntax-unclosed-brace", "a { map never closed", 11, "YAML syntax error: expected ',' or '}'"),
                playbook("syntax-tab-indent", "a line indented with a tab", 4, "a tab character where YAML expects spaces"),
                playbook("syntax-colon-in-value", "a second key: on one line", 7, "mapping values are not allowed here"),
                playbook("syntax-two-documents", "two YAML documents in one file", 8, "but found another document"),
                // wrong types
                playbook("type-planes-list", "planes: a list where a map is expected", 3, "planes: expected a map"),
                playbook("type-bool-subnet", "subnet: true", 3, "planes.mgmt.subnet: expected text, found the true/false value"),
                playbook("type-string-port", "port: wireguard", 3, "planes.mgmt.port: expected a whole number from 1 to 65535"),
                playbook("type-float-port", "port: 51820.5", 3, "found the number 51820.5"),
                playbook("type-members-map", "members: a map where a list is expected", 3, "expected a list like [core, laptops]"),
                inventory("type-hosts-list", "hosts: a list where a map is expected", 10, "hosts must be a map"),
                inventory("type-nat-not-bool", "wg_nat: maybe", 11, "wg_nat: expected a boolean"),
                inventory("type-vars-list", "vars: a list where a map is expected", 10, "vars: expected a map"),
                new Case("group-vars-wrong-type", "group_vars/ file giving wg_nat a list", "group-vars-wrong-type/inventory.yml",
                        OK_PLAYBOOK, "group-vars-wrong-type/group_vars/core.yml", 2, "wg_nat: expected a boolean", Setup.NONE),
                // unknown keys
                playbook("unknown-plane-key", "plane key subnett", 3, "unknown key 'subnett' in planes.mgmt; did you mean 'subnet'?"),
                playbook("unknown-top-key", "top-level key service", 4, "unknown key 'service'; did you mean 'services'?"),
                playbook("unknown-service-key", "service key prot", 5, "did you mean 'port'?"),
                inventory("unknown-group-key", "group key hots", 13, "unknown key 'hots' in group 'laptops'; did you mean 'hosts'?"),
                inventory("unknown-wg-var", "host variable wg_adresses", 10, "did you mean 'wg_addresses'?"),
                // CIDRs
                playbook("cidr-prefix-33", "subnet 10.0.0.0/33", 3, "'10.0.0.0/33' is not a network in CIDR form"),
                playbook("cidr-octet-300", "subnet 300.1.1.0/24", 3, "'300.1.1.0/24' is not a network in CIDR form"),
                playbook("cidr-host-bits", "subnet 10.200.0.1/24 (host bits set)", 3, "has host bits set; did you mean 10.200.0.0/24?"),
                playbook("cidr-ipv6-prefix-129", "subnet fd00:200::/129", 3, "is not a network in CIDR form"),
                inventory("cidr-bad-lan", "wg_lan entry without a prefix", 10, "'192.168.1.0' is not a network in CIDR form"),
                playbook("subnet-holds-endpoints", "subnet 127.0.0.0/8 holding the members' endpoints", 3,
                        "holds the endpoints of node-a (127.0.0.1) and node-b (127.0.0.1)"),
                playbook("subnet-everything", "subnet 0.0.0.0/0", 3, "subnet 0.0.0.0/0 of plane mgmt holds the endpoints"),
                // ports
                playbook("port-zero", "plane port 0", 3, "planes.mgmt.port: 0 is out of range"),
                playbook("port-70000", "service port 70000", 5, "services.node_exporter.port: 70000 is out of range"),
                inventory("port-abc", "ansible_port: abc", 11, "ansible_port: expected a whole number from 1 to 65535, found the text 'abc'"),
                inventory("port-in-host-key", "port 0 in a host key (node-b:0)", 11, "port 0 is out of range 1-65535"),
                // addresses
                inventory("address-duplicate", "two hosts with one plane address", 11, "address 10.200.0.5 on plane mgmt is also given to node-a"),
                inventory("address-outside-subnet", "an address outside its plane's subnet", 10, "is outside plane mgmt's subnet 10.200.0.0/24"),
                inventory("address-not-ip", "address 10.200.0.300", 10, "'10.200.0.300' is not an IP address"),
                inventory("address-network", "the subnet's network address as a host address", 10, "is the network address of 10.200.0.0/24"),
                inventory("address-undefined-plane", "an address on an undefined plane", 10,
                        "wg_addresses names plane 'mgnt', which the playbook does not define; did you mean 'mgmt'?"),
                inventory("ssh-via-undefined-plane", "wg_ssh_via naming an undefined plane", 10,
                        "wg_ssh_via names plane 'data', which the playbook does not define"),
                // planes against each other
                playbook("subnets-overlap", "overlapping plane subnets", 4, "subnet 10.200.5.0/24 of plane data overlaps 10.200.0.0/16"),
                playbook("port-shared", "two planes, one UDP port, same hosts", 4, "planes mgmt and data both use UDP port 51820"),
                playbook("interface-shared", "two planes, one interface name", 4, "planes mgmt and data both use interface wg0"),
                playbook("interface-too-long", "an interface name over 15 characters", 3, "is 19 characters; Linux allows at most 15"),
                // NAT and topology
                playbook("nat-mesh-without-relay", "two NATed hosts in a mesh, no relay", 3,
                        "hosts laptop-1 and laptop-2 are behind NAT (no wg_endpoint), so in a mesh they cannot reach each other"),
                playbook("nat-hub", "a hub behind NAT", 3, "hub laptop-1 has no endpoint (wg_nat without wg_endpoint)"),
                playbook("nat-relay", "a relay behind NAT", 3, "relay laptop-2 has no endpoint"),
                playbook("stealth-mesh", "stealth members in a mesh", 3, "so in a mesh nobody could reach them"),
                playbook("hub-not-member", "a hub outside its plane", 3, "hub node-a is not a member of plane roam"),
                playbook("hub-is-group", "a group as hub", 3, "'core' is a group; the hub must be one host"),
                // group nesting
                inventory("group-own-child", "a group that is its own child", 13, "group nesting loop: core -> core"),
                inventory("group-loop", "a group that is its own ancestor", 17, "group nesting loop: core -> web -> edge -> core"),
                inventory("group-all-as-child", "all as a child group", 13, "'all' holds every group and cannot be a child of 'core'"),
                // limits
                new Case("huge-50mb", "a 50 MB inventory (generated)", "huge.inventory.yml", OK_PLAYBOOK, "huge.inventory.yml", 0,
                        "file is " + FIFTY_MB + " bytes; wgform reads YAML files up to", BadInputCorpusTest::fiftyMegabytes),
                playbook("deep-nesting", "10 000 nested [", 3, "Nesting Depth exceeded max 50"),
                playbook("billion-laughs", "billion laughs (10 aliases of 10, 9 levels)", 9, "Number of aliases for non-scalar nodes exceeds"),
                playbook("alias-fanout", "48 aliases expanding to 2 million values", 3, "the document expands to more than 200000 values"),
                playbook("alias-loop", "an alias inside the map it names", 3, "an alias refers to a value that contains it"),
                inventory("host-range-huge", "host range node[1:1000000]", 11, "range gives more than 4096 hosts"),
                // tags
                inventory("tag-vault", "an Ansible Vault value (!vault)", 11, "Ansible Vault values (!vault) cannot be read by wgform"),
                playbook("tag-java-gadget", "!!javax.script.ScriptEngineManager gadget", 3, "Global tag is not allowed"),
                playbook("tag-python-object", "!!python/object/apply:os.system", 3, "Global tag is not allowed"),
                // duplicate keys
                inventory("duplicate-host", "a host written twice in one map", 12, "duplicate key 'node-a' (first at line 10)"),
                playbook("duplicate-plane", "a plane written twice", 4, "duplicate key 'mgmt' (first at line 3)"),
                // undefined names
                playbook("service-undefined-plane", "a service on an undefined plane", 5,
                        "service sshd is bound to plane 'mgnt', which the playbook does not define"),
                playbook("service-host-off-plane", "a service on hosts outside its plane", 5,
                        "laptop-1 and laptop-2 are not on that plane"),
                playbook("member-undefined", "an undefined group in members", 3, "no group or host 'cores' in the inventory; did you mean 'core'?"),
                playbook("hub-undefined", "an undefined host as hub", 3, "no host 'node-c' in the inventory"),
                // names that end up in files and commands
                inventory("host-name-path", "a host named ../../etc/cron.d/x", 11, "host name '../../etc/cron.d/x' may only use letters"),
                inventory("ansible-host-options", "ansible_host smuggling ssh options", 11,
                        "'127.0.0.1 -oProxyCommand=touch /tmp/wgform-pwned' is not a host name or IP address"),
                playbook("plane-name-spaces", "a plane name with a space", 3, "plane name 'mgmt plane' may only use letters"),
                playbook("custom-service-relative", "a relative destination", 5, "must be an absolute path"),
                playbook("custom-template-missing", "a custom service's template that does not exist", 5, "template nope.ftl not found"),
                // other values
                playbook("mtu-too-small", "mtu: 100", 3, "planes.mgmt.mtu: 100 is out of range"),
                playbook("keepalive-zero", "keepalive: 0", 3, "planes.mgmt.keepalive: 0 is out of range"),
                playbook("dns-not-ip", "a client DNS server that is a name", 3, "'dns.example' is not an IP address"),
                playbook("firewall-backend", "firewall backend iptables", 5, "'iptables' is not one of auto | nftables | firewalld | none"),
                playbook("planes-empty", "planes: {}", 2, "no planes defined"),
                inventory("inventory-scalar", "an inventory that is one word", 2, "an inventory starts with groups"),
                // empty, missing and encoding
                inventory("empty", "an inventory with only a comment", 0, "empty file: expected an Ansible YAML inventory"),
                playbook("empty", "an empty playbook (0 bytes)", 0, "empty file: expected a wgform playbook"),
                new Case("missing", "a playbook path that does not exist", OK_INVENTORY, "missing.playbook.yml", "missing.playbook.yml", 0,
                        "file not found", Setup.NONE),
                inventory("not-utf8", "Latin-1 bytes", 11, "not UTF-8 text: byte 0xE9 is not valid UTF-8"),
                playbook("utf16", "UTF-16 with a byte order mark", 1, "not UTF-8 text: byte 0xFF"),
                playbook("control-char", "a NUL byte", 3, "a character YAML does not allow (code point U+0000)"));
    }

    @BeforeAll
    static void startListenerAndMakeKey() throws Exception {
        listener = new Listener();
        KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        key = shared.resolve("id_ed25519");
        try (OutputStream out = Files.newOutputStream(key)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "wgform bad input test", null, out);
        }
    }

    @AfterAll
    static void stopListenerAndWriteTable() throws Exception {
        listener.close();
        String target = System.getProperty("wgform.badInputTable", "");
        if (target.isEmpty()) return;
        StringBuilder md = new StringBuilder("| input | what happened (`validate` and `plan`) |\n| --- | --- |\n");
        ROWS.values().forEach(md::append);
        Files.writeString(Path.of(target), md);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithItsPlaceAndWithoutContactingAnyHost(Case c, @TempDir Path dir) throws Exception {
        copy(c.inventory(), dir);
        copy(c.playbook(), dir);
        c.setup().into(dir.resolve(c.broken()));
        String inventory = dir.resolve(c.inventory()).toString();
        String playbook = dir.resolve(c.playbook()).toString();
        String knownHosts = Files.createFile(dir.resolve("known_hosts")).toString();
        int before = listener.connectionsSoFar();

        // validate first: a case it accepted never reaches plan, which would connect
        String first = assertRefused(Run.of("validate", "--no-color", "-i", inventory, playbook), c, dir);
        String again = assertRefused(Run.of("plan", "--no-color", "--known-hosts", knownHosts, "-i", inventory, playbook), c, dir);

        assertThat(again).isEqualTo(first);
        assertThat(listener.connectionsSoFar() - before).as("SSH connections opened").isZero();
        ROWS.put(c.name() + c.broken(), "| " + c.what() + " (`" + c.broken() + "`) | exit 1: `"
                + first.replace(dir + "/", "").replace("|", "\\|") + "` |\n");
    }

    /** Without this, the cases above would prove nothing: the valid pair is accepted, and plan does reach the listener. */
    @Test
    void theValidPairIsAcceptedAndPlanReachesTheListener(@TempDir Path dir) throws Exception {
        copy(OK_INVENTORY, dir);
        copy(OK_PLAYBOOK, dir);
        String inventory = dir.resolve(OK_INVENTORY).toString();
        String playbook = dir.resolve(OK_PLAYBOOK).toString();
        String knownHosts = Files.createFile(dir.resolve("known_hosts")).toString();

        Run validate = Run.of("validate", "--no-color", "-i", inventory, playbook);
        assertThat(validate.exitCode()).as(validate.err()).isZero();
        int before = listener.connectionsSoFar();
        Run plan = Run.of("plan", "--no-color", "--known-hosts", knownHosts, "-i", inventory, playbook);

        assertThat(plan.exitCode()).as("the listener speaks no SSH: every host is unreachable").isEqualTo(1);
        assertThat(plan.err()).contains("node-a: unreachable: node-a (127.0.0.1:" + listener.port() + ")");
        assertThat(listener.connectionsSoFar() - before).as("one per host").isEqualTo(4);
    }

    /** Not in the corpus, whose hosts must all point at the listener: this host's only address is its name. */
    @Test
    void aHostWhoseNameIsItsAddressNeedsANameSshCanReach(@TempDir Path dir) throws IOException {
        Path inventory = Files.writeString(dir.resolve("inventory.yml"), "all:\n  hosts:\n    db_1:\n");
        Path playbook = Files.writeString(dir.resolve("playbook.yml"),
                "planes:\n  mgmt: { subnet: 10.200.0.0/24, port: 51820, members: [all] }\n");

        Run run = Run.of("validate", "-i", inventory.toString(), playbook.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith(inventory + ":3:5: db_1.ansible_host: host db_1 has no ansible_host, so its name is its"
                + " address, and 'db_1' is not a DNS name ('_' is not allowed in one); set ansible_host\n");
    }

    @Test
    void theCorpusPointsEveryHostAtTheListener() throws IOException {
        for (Path file : corpusFiles()) {
            String text = Files.readString(CORPUS.resolve(file), StandardCharsets.ISO_8859_1);
            for (String host : values(text, "ansible_host")) {
                assertThat(host).as(file + ": ansible_host").startsWith("127.0.0.1");
            }
            for (String port : values(text, "ansible_port")) {
                assertThat(port.equals(PORT) || !port.matches("[0-9]+")).as(file + ": ansible_port " + port).isTrue();
            }
            Matcher hostKeyPort = Pattern.compile("(?m)^\\s+[\\w.-]+:([0-9]+):").matcher(text);
            while (hostKeyPort.find()) assertThat(hostKeyPort.group(1)).as(file + ": port in a host key").isEqualTo("0");
            Matcher url = Pattern.compile("[a-z]+://[^\"\\s]*").matcher(text);
            while (url.find()) assertThat(url.group()).as(file + ": URL").startsWith("http://127.0.0.1:" + PORT + "/");
            if (file.getFileName().toString().contains("inventory") && text.contains("hosts:")) {
                assertThat(text).as(file.toString())
                        .contains("ansible_host: 127.0.0.1\n", "ansible_port: " + PORT + "\n", "ansible_ssh_private_key_file: " + KEY + "\n");
            }
        }
    }

    @Test
    void everyFileOfTheCorpusBelongsToACase() throws IOException {
        Set<String> all = corpusFiles().stream().map(Path::toString).collect(Collectors.toCollection(TreeSet::new));
        Set<String> used = new TreeSet<>();
        for (Case c : cases()) {
            for (String f : List.of(c.inventory(), c.playbook(), c.broken())) {
                String top = Path.of(f).getName(0).toString();
                all.stream().filter(p -> p.equals(top) || p.startsWith(top + "/")).forEach(used::add);
            }
        }
        assertThat(all).isEqualTo(used);
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(40);
    }

    // ---- the cases

    /** Makes a case's generated file; the corpus holds no such file. */
    @FunctionalInterface
    interface Setup {
        Setup NONE = file -> { };

        void into(Path file) throws IOException;
    }

    /**
     * One case: the inventory and playbook it runs, the one that is broken and the line to blame (0: the whole file),
     * text the first problem must contain, and what makes a generated file.
     */
    record Case(String name, String what, String inventory, String playbook, String broken, int line, String message, Setup setup) {
        @Override
        public String toString() {
            return broken;
        }
    }

    private static Case inventory(String name, String what, int line, String message) {
        String file = name + ".inventory.yml";
        return new Case(name, what, file, OK_PLAYBOOK, file, line, message, Setup.NONE);
    }

    private static Case playbook(String name, String what, int line, String message) {
        String file = name + ".playbook.yml";
        return new Case(name, what, OK_INVENTORY, file, file, line, message, Setup.NONE);
    }

    /** A valid inventory header, then hosts until the file is 50 MB: refused by its size, before any parsing. */
    private static void fiftyMegabytes(Path file) throws IOException {
        String head = Files.readString(CORPUS.resolve(OK_INVENTORY)).replaceFirst("(?s)^(#[^\n]*\n)+", "")
                .replace(PORT, Integer.toString(listener.port())).replace(KEY, key.toString());
        byte[] chunk = "        node-x: { wg_nat: true }\n".repeat(2048).getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            byte[] header = ("# 50 MB: far beyond the 8 MB wgform reads\n" + head).getBytes(StandardCharsets.US_ASCII);
            out.write(header);
            long written = header.length;
            while (written + chunk.length <= FIFTY_MB) {
                out.write(chunk);
                written += chunk.length;
            }
            out.write(new byte[(int) (FIFTY_MB - written)]);
        }
    }

    // ---- checks and helpers

    /** Checks one refusal and returns its first line. */
    private static String assertRefused(Run run, Case c, Path dir) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
        assertThat(run.err()).containsPattern("(?m)^wgform: [1-9][0-9]* problems? in the input; nothing was changed\\.\\n\\z");
        String first = run.err().lines().findFirst().orElse("");
        String file = Pattern.quote(dir.resolve(c.broken()).toString());
        assertThat(first).containsPattern("^" + file + (c.line() > 0 ? ":" + c.line() + ":[0-9]+: " : ": ")).contains(c.message());
        return first;
    }

    /** Copies the corpus entry holding {@code relative} (a file, or the directory it is in) with the listener's port and key. */
    private static void copy(String relative, Path dir) throws IOException {
        Path top = CORPUS.resolve(Path.of(relative).getName(0));
        if (!Files.exists(top)) return; // generated, or missing on purpose
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(top)) {
            paths = walk.toList();
        }
        for (Path p : paths) {
            Path target = dir.resolve(CORPUS.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(target);
            } else {
                // byte for byte, whatever the file's encoding: only the ASCII placeholders change
                String bytes = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                Files.write(target, bytes.replace(PORT, Integer.toString(listener.port())).replace(KEY, key.toString())
                        .getBytes(StandardCharsets.ISO_8859_1));
            }
        }
    }

    private static List<Path> corpusFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(CORPUS)) {
            return walk.filter(Files::isRegularFile).map(CORPUS::relativize).sorted().toList();
        }
    }

    /** Every value written for {@code key}, in block or flow style, without quotes; comments left out. */
    private static List<String> values(String text, String key) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(key + ":\\s*(\"[^\"]*\"|[^\\s,}]+)").matcher(text.replaceAll("(?m)^\\s*#.*$", ""));
        while (m.find()) out.add(m.group(1).replace("\"", ""));
        return out;
    }

    /**
     * A loopback listener that counts the connections made to it and closes them at once. A marker connection of the
     * test's own makes a count exact: connections are accepted in order, so once the marker is, every earlier one was.
     */
    private static final class Listener implements AutoCloseable {
        private static final int MARKER = '!';
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger accepted = new AtomicInteger();
        private final AtomicInteger markers = new AtomicInteger();
        private final Semaphore markerSeen = new Semaphore(0);

        Listener() throws IOException {
            Thread thread = new Thread(this::serve, "bad-input-listener");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        /** Connections other than markers so far. */
        int connectionsSoFar() throws IOException, InterruptedException {
            try (Socket marker = new Socket(InetAddress.getLoopbackAddress(), port())) {
                marker.getOutputStream().write(MARKER);
                marker.getOutputStream().flush();
                assertThat(markerSeen.tryAcquire(10, TimeUnit.SECONDS)).as("the listener saw the marker").isTrue();
            }
            return accepted.get() - markers.get();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    accepted.incrementAndGet();
                    s.setSoTimeout(2000);
                    int first;
                    try {
                        first = s.getInputStream().read();
                    } catch (SocketTimeoutException | java.net.SocketException e) {
                        first = -1; // a client that said nothing or hung up: a connection all the same
                    }
                    if (first == MARKER) {
                        markers.incrementAndGet();
                        markerSeen.release();
                    }
                } catch (IOException e) {
                    // the socket was closed: the loop ends
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
