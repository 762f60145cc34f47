package dev.wgform.facts;

import static dev.wgform.facts.ScriptRunner.executable;
import static dev.wgform.facts.ScriptRunner.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the generated fact script for real ({@code sh -s}, script on stdin) against a fake root in a temp dir,
 * with real keys from {@code wg genkey}/{@code wg genpsk} and a fake {@code wg show} that prints secrets, and
 * checks that no secret survives into the output.
 */
class FactScriptRunTest {
    private static final String PEER_B = "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=";
    private static final String PEER_C = "HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=";

    @TempDir
    Path tmp;
    Path root;
    Path bin;
    Path realWg;
    String privateKey;
    String psk;
    String dumpPrivateKey;
    String dumpPsk;

    /** A shell to run the script with; busybox gets its own sed/awk/stat/... first on PATH. */
    record Shell(String name, List<String> command, List<String> applets) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Shell> shells() {
        List<Shell> out = new ArrayList<>();
        out.add(new Shell("sh", List.of("/bin/sh"), List.of()));
        ScriptRunner.which("bash").ifPresent(b -> out.add(new Shell("bash", List.of(b.toString()), List.of())));
        ScriptRunner.which("busybox").ifPresent(b -> out.add(new Shell("busybox", List.of(b.toString(), "sh"),
                List.of("awk", "stat", "sha256sum"))));
        return out.stream();
    }

    @BeforeEach
    void setUp() {
        Optional<Path> wg = ScriptRunner.which("wg");
        assumeTrue(wg.isPresent(), "wireguard-tools (wg) is needed for the real-key tests");
        realWg = wg.get();
        root = tmp.resolve("root");
        bin = tmp.resolve("bin");
        privateKey = ScriptRunner.exec("", realWg.toString(), "genkey").strip();
        psk = ScriptRunner.exec("", realWg.toString(), "genpsk").strip();
        dumpPrivateKey = ScriptRunner.exec("", realWg.toString(), "genkey").strip();
        dumpPsk = ScriptRunner.exec("", realWg.toString(), "genpsk").strip();

        write(root.resolve("etc/os-release"), "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
                + "VERSION_ID=\"12\"\nID=debian\n");
        write(root.resolve("proc/1/comm"), "tini\n");
        write(root.resolve("proc/42/comm"), "nginx\n");
        secretFile(root.resolve("etc/wireguard/wg-mgmt.conf"), wgConf(privateKey, psk));
        secretFile(root.resolve("etc/wireguard/keys/wg-mgmt.key"), privateKey + "\n");
        secretFile(root.resolve("etc/wireguard/keys/wg-mgmt/node b.psk"), psk + "\n");
        write(root.resolve("etc/ssh/sshd_config.d/wgform.conf"), "ListenAddress 10.200.0.1\n");
        write(root.resolve("etc/it's here/a b.conf"), "listen 10.203.0.1:8080;\n");
        write(root.resolve("var/lib/wgform/manifest.json"), new Manifest(1, List.of(
                new Manifest.ManagedFile("/etc/wireguard/wg-mgmt.conf", "wg", "1".repeat(64)),
                new Manifest.ManagedFile("/etc/ssh/sshd_config.d/wgform.conf", "service:sshd", "2".repeat(64)),
                new Manifest.ManagedFile("/etc/wireguard/wg-gone.conf", "wg", "3".repeat(64)),
                new Manifest.ManagedFile("/etc/it's here/a b.conf", "service:nginx", "4".repeat(64)))).toJson());

        // wg show all dump as a real wg prints it, secrets and all; every other subcommand goes to the real wg.
        write(tmp.resolve("dump.txt"), String.join("\n",
                "wg-mgmt\t" + dumpPrivateKey + "\tm2hAkS/zPSL2SSWL84mioGnRgiKQpxRKxmM9qQMBiFU=\t51820\toff",
                "wg-mgmt\t" + PEER_B + "\t" + dumpPsk + "\t203.0.113.20:51820\t10.200.0.2/32\t1700000000\t4242\t8484\toff",
                "wg-mgmt\t" + PEER_C + "\t(none)\t(none)\t10.200.0.3/32,192.168.1.0/24\t0\t0\t0\t25") + "\n");
        executable(bin.resolve("wg"), "#!/bin/sh\n"
                + "if [ \"$1 $2 $3\" = 'show all dump' ]; then cat \"$FAKE_WG_DUMP\"; exit \"${FAKE_WG_EXIT:-0}\"; fi\n"
                + "[ -n \"${FAKE_WG_LOG:-}\" ] && echo \"wg $1\" >>\"$FAKE_WG_LOG\"\n"
                + "exec " + realWg + " \"$@\"\n");
        executable(bin.resolve("pgrep"), "#!/bin/sh\n[ \"$1\" = -x ] && [ \"$2\" = sshd ]\n");
    }

    /** JUnit warns about every symlink to outside its temp dir it deletes: remove ours first. */
    @AfterEach
    void removeToolLinks() throws IOException {
        for (String dir : List.of("applets", "toolbox")) {
            Path d = tmp.resolve(dir);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> links = Files.list(d)) {
                for (Path link : links.toList()) Files.delete(link);
            }
        }
    }

    private static String wgConf(String key, String psk) {
        return "[Interface]\n"
                + "Address = 10.200.0.1/24\n"
                + "ListenPort = 51820\n"
                + "PrivateKey = " + key + "\n"
                + "\n"
                + "[Peer]\n"
                + "# node b\n"
                + "PublicKey = " + PEER_B + "\n"
                + "PresharedKey = " + psk + "\n"
                + "AllowedIPs = 10.200.0.2/32\n"
                + "\n"
                + "[Peer]\n"
                + "PublicKey=" + PEER_C + "\n"
                + "  presharedkey=" + psk + " # same spelling rules as wg's own parser\n"
                + "Private Key = " + key + "\n"
                + "#PrivateKey = " + key + "\n"
                + "\tPRESHAREDKEY\t=\t" + psk + "\r\n"
                + "AllowedIPs = 10.200.0.3/32\n";
    }

    private static String redactedConf() {
        String m = FileFact.SECRET_MARKER;
        return "[Interface]\n"
                + "Address = 10.200.0.1/24\n"
                + "ListenPort = 51820\n"
                + "PrivateKey = " + m + "\n"
                + "\n"
                + "[Peer]\n"
                + "# node b\n"
                + "PublicKey = " + PEER_B + "\n"
                + "PresharedKey = " + m + "\n"
                + "AllowedIPs = 10.200.0.2/32\n"
                + "\n"
                + "[Peer]\n"
                + "PublicKey=" + PEER_C + "\n"
                + "  presharedkey=" + m + "\n"
                + "Private Key = " + m + "\n"
                + "#PrivateKey = " + m + "\n"
                + "\tPRESHAREDKEY\t=\t" + m + "\n"
                + "AllowedIPs = 10.200.0.3/32\n";
    }

    private void secretFile(Path file, String content) {
        write(file, content);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private FactRequest request() {
        Map<String, String> keys = new HashMap<>();
        keys.put("wg-mgmt", "/etc/wireguard/keys/wg-mgmt.key");
        keys.put("wg-data", "/etc/wireguard/keys/wg-data.key");
        return new FactRequest(
                List.of("/etc/wireguard/wg-mgmt.conf", "/etc/nftables.d/wgform.nft", "/etc/it's here/a b.conf"),
                keys,
                List.of("/etc/wireguard/keys/wg-mgmt/node b.psk", "/etc/wireguard/keys/wg-mgmt/missing.psk"),
                List.of("sshd", "nginx"));
    }

    private ScriptRunner.Result run(Shell shell, String path, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>();
        String pathVar = path;
        if (!shell.applets().isEmpty()) {
            Path applets = tmp.resolve("applets");
            for (String a : shell.applets()) {
                try {
                    Files.createDirectories(applets);
                    Files.createSymbolicLink(applets.resolve(a), Path.of(shell.command().get(0)));
                } catch (java.nio.file.FileAlreadyExistsException ignored) {
                    // set up by an earlier run in this test
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
            pathVar = applets + ":" + path;
        }
        env.put("PATH", pathVar);
        env.put("WGFORM_ROOT", root.toString());
        env.put("FAKE_WG_DUMP", tmp.resolve("dump.txt").toString());
        env.putAll(extraEnv);
        ScriptRunner.Result r = ScriptRunner.run(shell.command(), FactScript.build(request()), env);
        assertThat(r.exit()).as("exit status; stderr: %s", r.stderr()).isZero();
        return r;
    }

    private String systemPath() {
        return bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shells")
    void redactsEverySecretOnTheHost(Shell shell) throws FactsException {
        ScriptRunner.Result r = run(shell, systemPath(), Map.of());

        String everything = r.stdout() + "\n" + decodedPayloads(r.stdout()) + "\n" + r.stderr();
        for (String secret : List.of(privateKey, psk, dumpPrivateKey, dumpPsk)) {
            assertThat(everything).doesNotContain(secret);
            assertThat(everything).doesNotContain(secret.substring(0, 20));
        }

        HostFacts f = FactParser.parse("node-a", r.stdout());
        assertThat(f.toString()).doesNotContain(privateKey).doesNotContain(psk).doesNotContain(dumpPrivateKey).doesNotContain(dumpPsk);
        FileFact conf = f.file("/etc/wireguard/wg-mgmt.conf");
        assertThat(conf.content()).isEqualTo(redactedConf());
        assertThat(conf.mode()).isEqualTo(0600);
        assertThat(conf.owner()).matches("[^: ]+:[^: ]+");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shells")
    void reportsFilesKeysPsksInterfacesAndServices(Shell shell) throws Exception {
        write(root.resolve("proc/43/comm"), "sshd\n");
        long before = System.currentTimeMillis() / 1000;
        HostFacts f = FactParser.parse("node-a", run(shell, systemPath(), Map.of()).stdout());

        assertThat(f.os()).isEqualTo(new OsInfo("debian", List.of(), "12"));
        assertThat(f.systemd()).isFalse();
        assertThat(f.tools()).containsEntry("wg", bin.resolve("wg").toString());
        assertThat(f.hostTimeEpoch()).isBetween(before - 5, before + 60);

        // asked-for paths first, then the manifest's, then the remaining /etc/wireguard/*.conf; each once
        assertThat(f.files().keySet()).containsExactly("/etc/wireguard/wg-mgmt.conf", "/etc/nftables.d/wgform.nft",
                "/etc/it's here/a b.conf", "/etc/ssh/sshd_config.d/wgform.conf", "/etc/wireguard/wg-gone.conf");
        assertThat(f.file("/etc/it's here/a b.conf").content()).isEqualTo("listen 10.203.0.1:8080;\n");
        assertThat(f.file("/etc/ssh/sshd_config.d/wgform.conf").content()).isEqualTo("ListenAddress 10.200.0.1\n");
        assertThat(f.file("/etc/ssh/sshd_config.d/wgform.conf").mode()).isEqualTo(0644);
        assertThat(f.file("/etc/nftables.d/wgform.nft").exists()).isFalse();
        assertThat(f.file("/etc/wireguard/wg-gone.conf").exists()).isFalse();
        assertThat(f.manifest().orElseThrow().files()).hasSize(4);

        String expectedPublic = ScriptRunner.exec(privateKey + "\n", realWg.toString(), "pubkey").strip();
        assertThat(f.keys()).containsOnlyKeys("wg-mgmt");
        KeyFact key = f.keys().get("wg-mgmt");
        assertThat(key.publicKey()).isEqualTo(expectedPublic);
        assertThat(key.mtimeEpoch()).isEqualTo(mtime("etc/wireguard/keys/wg-mgmt.key"));
        assertThat(key.mode()).isEqualTo(0600);

        String pskPath = "/etc/wireguard/keys/wg-mgmt/node b.psk";
        assertThat(f.psks()).containsOnlyKeys(pskPath);
        assertThat(f.psks().get(pskPath).hash()).isEqualTo(FactParser.sha256((psk + "\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(f.psks().get(pskPath).mtimeEpoch()).isEqualTo(mtime("etc/wireguard/keys/wg-mgmt/node b.psk"));
        assertThat(f.psks().get(pskPath).mode()).isEqualTo(0600);

        LiveInterface mgmt = f.interfaces().get("wg-mgmt");
        assertThat(mgmt.publicKey()).isEqualTo("m2hAkS/zPSL2SSWL84mioGnRgiKQpxRKxmM9qQMBiFU=");
        assertThat(mgmt.listenPort()).isEqualTo(OptionalInt.of(51820));
        assertThat(mgmt.peers()).extracting(LivePeer::publicKey).containsExactly(PEER_B, PEER_C);
        assertThat(mgmt.peers()).extracting(LivePeer::hasPsk).containsExactly(true, false);
        assertThat(mgmt.peers().get(1).allowedIps()).containsExactly("10.200.0.3/32", "192.168.1.0/24");

        // every /proc/PID/comm is read once for all services (not pgrep, which here would say sshd only)
        assertThat(f.services()).containsExactly(Map.entry("sshd", true), Map.entry("nginx", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shells")
    void copesWithoutWgPgrepOrAnyOtherTool(Shell shell) throws Exception {
        Path toolbox = tmp.resolve("toolbox");
        for (String tool : List.of("awk", "stat", "sha256sum")) {
            Files.createDirectories(toolbox);
            Files.createSymbolicLink(toolbox.resolve(tool), ScriptRunner.which(tool).orElseThrow());
        }
        ScriptRunner.Result r = run(shell, toolbox.toString(), Map.of());
        assertThat(r.stdout()).contains("@@wg missing\n");
        HostFacts f = FactParser.parse("node-a", r.stdout());
        assertThat(f.tools()).doesNotContainKeys("wg", "pgrep", "systemctl"); // sbin dirs are appended to PATH: ip, nft may show
        assertThat(f.interfaces()).isEmpty();
        assertThat(f.keys().get("wg-mgmt").publicKeyKnown()).isFalse();
        assertThat(f.file("/etc/wireguard/wg-mgmt.conf").content()).isEqualTo(redactedConf());
        // no pgrep, no systemd: the script reads $R/proc/*/comm itself
        assertThat(f.services()).containsExactly(Map.entry("sshd", false), Map.entry("nginx", true));
    }

    @Test
    void aFailingWgShowIsNoInterfacesNotAnError() throws Exception {
        ScriptRunner.Result r = run(new Shell("sh", List.of("/bin/sh"), List.of()), systemPath(), Map.of("FAKE_WG_EXIT", "1"));
        assertThat(FactParser.parse("node-a", r.stdout()).interfaces()).isEmpty();
    }

    @Test
    void asksSystemdWhenPid1IsSystemd() throws Exception {
        write(root.resolve("proc/1/comm"), "systemd\n");
        // like systemctl: one state per unit, in order
        executable(bin.resolve("systemctl"), "#!/bin/sh\n[ \"$1\" = is-active ] || exit 9\nshift\n"
                + "for u in \"$@\"; do if [ \"$u\" = ssh ]; then echo active; else echo inactive; fi; done\nexit 3\n");
        HostFacts f = FactParser.parse("node-a", run(new Shell("sh", List.of("/bin/sh"), List.of()), systemPath(), Map.of()).stdout());
        assertThat(f.systemd()).isTrue();
        assertThat(f.services()).containsExactly(Map.entry("sshd", true), Map.entry("nginx", false));
    }

    @Test
    void asksEachServiceAloneWhenSystemctlDoesNotPrintOneStatePerUnit() throws Exception {
        write(root.resolve("proc/1/comm"), "systemd\n");
        executable(bin.resolve("systemctl"), "#!/bin/sh\n[ \"$1\" = is-active ] || exit 9\n"
                + "if [ \"$2\" = --quiet ]; then shift 2; for u in \"$@\"; do [ \"$u\" = nginx ] && exit 0; done; exit 3; fi\n"
                + "echo active\nexit 0\n");
        HostFacts f = FactParser.parse("node-a", run(new Shell("sh", List.of("/bin/sh"), List.of()), systemPath(), Map.of()).stdout());
        assertThat(f.services()).containsExactly(Map.entry("sshd", false), Map.entry("nginx", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shells")
    void hashesAnyPskFileByteForByte(Shell shell) throws Exception {
        // one base64 line (as wgform writes them), then shapes that must be hashed as the bytes they are
        List<String> contents = List.of(psk + "\n", psk, psk + "\n\n", psk + "\r\n", " " + psk + "\n", psk + "\nmore\n", "\n", "",
                "abc\\n\n", psk.substring(0, 20) + "\0" + psk.substring(20) + "\n");
        Map<String, String> expected = new HashMap<>();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            String path = "/etc/wireguard/keys/wg-mgmt/shape-" + i + ".psk";
            secretFile(root.resolve(path.substring(1)), contents.get(i));
            paths.add(path);
            expected.put(path, FactParser.sha256(contents.get(i).getBytes(StandardCharsets.UTF_8)));
        }
        Map<String, String> env = new HashMap<>(Map.of("WGFORM_ROOT", root.toString(), "FAKE_WG_DUMP", tmp.resolve("dump.txt").toString()));
        run(shell, systemPath(), Map.of()); // sets up busybox's applets
        env.put("PATH", (shell.applets().isEmpty() ? "" : tmp.resolve("applets") + ":") + systemPath());
        ScriptRunner.Result r = ScriptRunner.run(shell.command(), FactScript.build(new FactRequest(List.of(), Map.of(), paths, List.of())), env);
        assertThat(r.exit()).as(r.stderr()).isZero();
        Map<String, String> hashes = new HashMap<>();
        FactParser.parse("node-a", r.stdout()).psks().forEach((p, fact) -> hashes.put(p, fact.hash()));
        assertThat(hashes).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shells")
    void carriesAnyFileContentExactlyOrSaysItCouldNot(Shell shell) throws Exception {
        Map<String, String> contents = new java.util.LinkedHashMap<>();
        contents.put("/etc/x/empty", "");
        contents.put("/etc/x/no-newline", "a\nlast line");
        contents.put("/etc/x/sections", "@@end\n@@file /etc/passwd\n:\\\n!\n\n\n");
        contents.put("/etc/x/crlf", "a = b\r\nc\r\n");
        contents.put("/etc/x/high-bytes", "caf\u00e9 \u2603\n");
        for (Map.Entry<String, String> e : contents.entrySet()) write(root.resolve(e.getKey().substring(1)), e.getValue());
        write(root.resolve("etc/x/nul"), "a\0b\n");
        write(root.resolve("etc/x/ctrl-a"), "before\u0001after\n");
        List<String> paths = new ArrayList<>(contents.keySet());
        paths.addAll(List.of("/etc/x/nul", "/etc/x/ctrl-a"));
        run(shell, systemPath(), Map.of()); // sets up busybox's applets
        Map<String, String> env = new HashMap<>(Map.of("WGFORM_ROOT", root.toString(), "FAKE_WG_DUMP", tmp.resolve("dump.txt").toString()));
        env.put("PATH", (shell.applets().isEmpty() ? "" : tmp.resolve("applets") + ":") + systemPath());
        ScriptRunner.Result r = ScriptRunner.run(shell.command(), FactScript.build(new FactRequest(paths, Map.of(), List.of(), List.of())), env);
        assertThat(r.exit()).as(r.stderr()).isZero();

        HostFacts f = FactParser.parse("node-a", r.stdout());
        contents.forEach((path, content) -> assertThat(f.file(path).content()).as(path).isEqualTo(content));
        // NUL and \001 bytes are more than every awk can carry exactly: such content is marked, so it can never pass
        // for a rendering, and the plan rewrites the file
        String nul = f.file("/etc/x/nul").content();
        assertThat(nul.equals("a\0b\n") || nul.endsWith(FileFact.INEXACT_NOTE)).as(nul).isTrue();
        assertThat(f.file("/etc/x/ctrl-a").content()).endsWith(FileFact.INEXACT_NOTE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shells")
    void sendsBigFilesAsTheDigestOfTheirRedactedTextAndTheTextOnlyWhenAskedFor(Shell shell) throws Exception {
        run(shell, systemPath(), Map.of()); // sets up busybox's applets
        write(root.resolve("etc/x/no-newline"), "a\nPrivateKey = " + privateKey + "\nlast line");
        write(root.resolve("etc/x/small"), "tiny\n");
        String conf = "/etc/wireguard/wg-mgmt.conf";
        String noNewline = "/etc/x/no-newline";
        FactRequest req = new FactRequest(List.of(conf, noNewline, "/etc/x/small", "/etc/it's here/a b.conf"), Map.of(), List.of(), List.of());
        String script = FactScript.build(req, 20) + "{\n" + FactScript.TEXTS_ON_ANSWER + "}\n";
        Map<String, String> env = new HashMap<>(Map.of("WGFORM_ROOT", root.toString(), "FAKE_WG_DUMP", tmp.resolve("dump.txt").toString()));
        env.put("PATH", (shell.applets().isEmpty() ? "" : tmp.resolve("applets") + ":") + systemPath());

        ScriptRunner.Result asked = ScriptRunner.runAnswering(shell.command(), script, env, FactScript.TEXTS_ASK, conf + "\t" + noNewline + "\n");
        assertThat(asked.exit()).as(asked.stderr()).isZero();
        for (String secret : List.of(privateKey, psk)) assertThat(asked.stdout()).doesNotContain(secret).doesNotContain(secret.substring(0, 20));
        HostFacts f = FactParser.parse("node-a", asked.stdout());
        FileFact digested = f.file(conf);
        assertThat(digested.isDigestOnly()).isTrue();
        assertThat(digested.sha256()).isEqualTo(FactParser.sha256(redactedConf().getBytes(StandardCharsets.UTF_8)));
        assertThat(digested.mode()).isEqualTo(0600);
        assertThat(f.file(noNewline).sha256()).isEqualTo(FactParser.sha256("a\nPrivateKey = {{wgform-secret}}\nlast line".getBytes(StandardCharsets.UTF_8)));
        assertThat(f.file("/etc/x/small").content()).isEqualTo("tiny\n"); // under the threshold: its text, as always
        assertThat(f.file("/etc/it's here/a b.conf").isDigestOnly()).isTrue();

        String texts = asked.stdout().substring(asked.stdout().indexOf(FactScript.TEXTS_ASK + "\n") + FactScript.TEXTS_ASK.length() + 1);
        assertThat(texts).endsWith(FactScript.TEXTS_END + "\n");
        Map<String, FileFact> sent = FactParser.texts("node-a", texts.substring(0, texts.length() - FactScript.TEXTS_END.length() - 1),
                Map.of(conf, digested, noNewline, f.file(noNewline)));
        assertThat(sent.get(conf).content()).isEqualTo(redactedConf());
        assertThat(sent.get(conf).sha256()).isEqualTo(digested.sha256());
        assertThat(sent.get(noNewline).content()).isEqualTo("a\nPrivateKey = {{wgform-secret}}\nlast line");
        assertThat(sent.get(noNewline).sha256()).isEqualTo(f.file(noNewline).sha256());

        // no answer (the run went no further): the facts, the question, nothing more
        ScriptRunner.Result unanswered = ScriptRunner.runAnswering(shell.command(), script, env, FactScript.TEXTS_ASK, null);
        assertThat(unanswered.exit()).as(unanswered.stderr()).isZero();
        assertThat(unanswered.stdout()).endsWith("@@end\n" + FactScript.TEXTS_ASK + "\n");
        // an empty answer: no text
        ScriptRunner.Result none = ScriptRunner.runAnswering(shell.command(), script, env, FactScript.TEXTS_ASK, "\n");
        assertThat(none.stdout()).endsWith(FactScript.TEXTS_ASK + "\n" + FactScript.TEXTS_END + "\n");
    }

    @Test
    void reportsRunsTheHostUndidByItselfAndRunsAwaitingTheirConfirmation() throws Exception {
        write(root.resolve("var/lib/wgform/confirm/20261126T210051Z.reverted"), "1795000000 ok\n");
        write(root.resolve("var/lib/wgform/confirm/20261126T220000Z.reverted"), "1795000100 incomplete service:sshd\n");
        write(root.resolve("var/lib/wgform/confirm/20261126T230000Z.pid"), "4242 0b8e-boot\n");
        write(root.resolve("var/lib/wgform/confirm/log"), "2026-11-26T21:15:56Z run 20261126T210051Z: armed\n");
        FactRequest req = new FactRequest(List.of(), Map.of(), List.of(), List.of(), Optional.empty(), false);
        Map<String, String> env = Map.of("WGFORM_ROOT", root.toString(), "FAKE_WG_DUMP", tmp.resolve("dump.txt").toString(),
                "PATH", systemPath());

        HostFacts f = FactParser.parse("node-a", ScriptRunner.run(List.of("/bin/sh"), FactScript.build(req), env).stdout());
        assertThat(f.confirms()).containsExactly(
                new ConfirmMarker("20261126T210051Z", ConfirmMarker.State.REVERTED, "ok", 1795000000L),
                new ConfirmMarker("20261126T220000Z", ConfirmMarker.State.REVERTED, "incomplete service:sshd", 1795000100L),
                new ConfirmMarker("20261126T230000Z", ConfirmMarker.State.WAITING, "", 0L));
    }

    @Test
    void reportsTheLiveFirewallTableAndListeningSockets() throws Exception {
        String listing = "table inet wgform {\n\tchain input {\n\t\ttype filter hook input priority filter; policy accept;\n\t}\n}\n";
        write(tmp.resolve("nft.txt"), listing);
        executable(bin.resolve("nft"), "#!/bin/sh\n[ \"$*\" = '-s list table inet wgform' ] || exit 9\n"
                + "[ -n \"$FAKE_NFT_GONE\" ] && { echo 'Error: No such file or directory' >&2; exit 1; }\ncat \"$FAKE_NFT\"\n");
        executable(bin.resolve("ss"), "#!/bin/sh\n[ \"$*\" = -ltnuH ] || exit 9\n"
                + "printf 'tcp   LISTEN 0      128      10.200.0.1:22        0.0.0.0:*\\n'\n"
                + "printf 'tcp   LISTEN 0      4096     [::]:9100        [::]:*\\n'\n"
                + "printf 'udp   UNCONN 0      0        127.0.0.53%%lo:53        0.0.0.0:*\\n'\n");
        write(root.resolve("var/lib/wgform/nftables.sha256"), "ab".repeat(32) + "\n");
        FactRequest req = new FactRequest(List.of(), Map.of(), List.of(), List.of("sshd"), Optional.of("inet wgform"), true);
        Map<String, String> env = new HashMap<>(Map.of("WGFORM_ROOT", root.toString(), "FAKE_WG_DUMP", tmp.resolve("dump.txt").toString(),
                "FAKE_NFT", tmp.resolve("nft.txt").toString(), "PATH", systemPath()));

        HostFacts f = FactParser.parse("node-a", ScriptRunner.run(List.of("/bin/sh"), FactScript.build(req), env).stdout());
        assertThat(f.nftables()).contains(new NftTable(true, FactParser.nftHash(listing), "ab".repeat(32)));
        assertThat(f.nftables().get().changedSinceLoad()).isTrue();
        assertThat(f.listening().orElseThrow()).containsExactly(new ListeningSocket("tcp", "10.200.0.1", 22),
                new ListeningSocket("tcp", "::", 9100), new ListeningSocket("udp", "127.0.0.53", 53));
        // the shell's own hash of the listing is the one the parser computes
        String shellHash = ScriptRunner.exec("", "sh", "-c", "printf '%s\\n' \"$(cat " + tmp.resolve("nft.txt") + ")\" | sha256sum").split(" ")[0];
        assertThat(FactParser.nftHash(listing)).isEqualTo(shellHash);

        env.put("FAKE_NFT_GONE", "1");
        HostFacts gone = FactParser.parse("node-a", ScriptRunner.run(List.of("/bin/sh"), FactScript.build(req), env).stdout());
        assertThat(gone.nftables()).contains(new NftTable(false, "", "ab".repeat(32)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shells")
    void aKeyTheInterfaceRunsWithTakesItsPublicKeyFromTheDumpWithoutWgPubkey(Shell shell) throws Exception {
        String expectedPublic = ScriptRunner.exec(privateKey + "\n", realWg.toString(), "pubkey").strip();
        Path dump = tmp.resolve("dump-running.txt");
        write(dump, "wg-mgmt\t" + privateKey + "\t" + expectedPublic + "\t51820\toff\n"
                + "wg-mgmt\t" + PEER_B + "\t" + dumpPsk + "\t203.0.113.20:51820\t10.200.0.2/32\t1700000000\t4242\t8484\toff\n");
        Path log = tmp.resolve("wg.log");
        ScriptRunner.Result r = run(shell, systemPath(), Map.of("FAKE_WG_DUMP", dump.toString(), "FAKE_WG_LOG", log.toString()));

        HostFacts f = FactParser.parse("node-a", r.stdout());
        assertThat(f.keys().get("wg-mgmt").publicKey()).isEqualTo(expectedPublic);
        assertThat(f.interfaces().get("wg-mgmt").publicKey()).isEqualTo(expectedPublic);
        assertThat(Files.exists(log) ? Files.readString(log) : "").doesNotContain("wg pubkey");
        assertThat(r.stdout()).doesNotContain(privateKey).doesNotContain(dumpPsk);

        // a file that holds more than the key (wg pubkey refuses trailing characters) is not matched: wg pubkey decides
        secretFile(root.resolve("etc/wireguard/keys/wg-mgmt.key"), privateKey + "\n# left by hand\n");
        ScriptRunner.Result again = run(shell, systemPath(), Map.of("FAKE_WG_DUMP", dump.toString(), "FAKE_WG_LOG", log.toString()));
        assertThat(Files.readString(log)).contains("wg pubkey");
        assertThat(again.stdout()).doesNotContain(privateKey);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FactParser.parse("node-a", again.stdout()))
                .isInstanceOf(FactsException.class).hasMessageContaining("is not a valid WireGuard private key");
    }

    @Test
    void anUnreadableKeyIsReportedNotGuessed() throws Exception {
        write(root.resolve("etc/wireguard/keys/wg-mgmt.key"), "not a key\n");
        ScriptRunner.Result r = run(new Shell("sh", List.of("/bin/sh"), List.of()), systemPath(), Map.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FactParser.parse("node-a", r.stdout()))
                .isInstanceOf(FactsException.class)
                .hasMessageContaining("/etc/wireguard/keys/wg-mgmt.key is not a valid WireGuard private key");
    }

    private long mtime(String rel) throws IOException {
        return Files.getLastModifiedTime(root.resolve(rel)).toMillis() / 1000;
    }

    /** Every section's payload also base64-decoded where it decodes, so a secret cannot hide in an encoding. */
    private static String decodedPayloads(String stdout) {
        StringBuilder out = new StringBuilder();
        StringBuilder section = new StringBuilder();
        for (String line : (stdout + "@@flush\n").split("\n")) {
            if (line.startsWith("@@")) {
                try {
                    out.append(new String(Base64.getMimeDecoder().decode(section.toString()), StandardCharsets.UTF_8)).append('\n');
                } catch (IllegalArgumentException notBase64) {
                    // plain payload (os-release, tool paths), already in stdout
                }
                section.setLength(0);
            } else {
                section.append(line).append('\n');
            }
        }
        return out.toString();
    }
}
