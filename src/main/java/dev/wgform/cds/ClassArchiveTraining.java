package dev.wgform.cds;

import dev.wgform.cli.Main;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The launcher's class-data sharing training run. A run of wgform is short, and loading and verifying classes is a
 * large part of it: SSH (MINA, Bouncy Castle's provider alone takes 0.3 s to register), YAML, templates. The
 * launcher runs this once per build under {@code -XX:ArchiveClassesAtExit}, and later runs map the archived classes.
 *
 * <p>It renders the example, then runs a real {@code wgform plan} against two hosts that are SSH servers in this JVM
 * on 127.0.0.1: one answers the fact script like a host with nothing installed yet, over ML-KEM; the other like a host
 * wgform set up (key, PSK, config, manifest, a running interface), over sntrup761 as Debian 12's OpenSSH 9.2 does.
 * So the archive holds what a plan loads: both SSH key exchanges, the login, the fact parser, the planner, the view. Its throwaway keys live in
 * a temp dir that is removed at the end. Usage: {@code ClassArchiveTraining EXAMPLE_INVENTORY EXAMPLE_PLAYBOOK}.
 */
public final class ClassArchiveTraining {
    private ClassArchiveTraining() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) throw new IllegalArgumentException("usage: ClassArchiveTraining INVENTORY PLAYBOOK");
        Result r = run(Path.of(args[0]), Path.of(args[1]));
        // a plan that failed still leaves a usable (smaller) archive; the launcher's output is discarded anyway
        System.err.println("training run: render exited " + r.render() + ", plan exited " + r.plan());
    }

    /**
     * Exit codes of the two runs, 0 for the render and 2 (changes to make) for the plan when all went as meant, and
     * what the plan printed.
     */
    record Result(int render, int plan, String planOutput) {}

    static Result run(Path inventory, Path playbook) throws IOException, GeneralSecurityException {
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        Path dir = Files.createTempDirectory("wgform-cds");
        try {
            int render = Main.run(quiet, quiet, "render", "-i", inventory.toString(), playbook.toString(),
                    "--out", dir.resolve("render").toString(), "--no-color");
            StringWriter planOutput = new StringWriter();
            PrintWriter plan = new PrintWriter(planOutput);
            int exit = planAgainstLoopback(dir, plan);
            plan.flush();
            return new Result(render, exit, planOutput.toString());
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    private static int planAgainstLoopback(Path dir, PrintWriter output) throws IOException, GeneralSecurityException {
        KeyPair hostKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        KeyPair userKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        Path identity = dir.resolve("id_ed25519");
        try (OutputStream out = Files.newOutputStream(identity)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(userKey, "wgform-cds", null, out);
        }
        // train-1: a host with nothing of wgform's yet, over ML-KEM (OpenSSH 9.9 and later); train-2: a host wgform
        // already set up, over sntrup761, all Debian 12's OpenSSH 9.2 offers
        SshServer fresh = server(hostKey, userKey, FactsAnswer.bareHost(), null);
        SshServer running = null;
        try {
            running = server(hostKey, userKey, RunningHostAnswer.facts(), SNTRUP761);
            String key = PublicKeyEntry.toString(hostKey.getPublic());
            Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + fresh.getPort() + " " + key + "\n"
                    + "[127.0.0.1]:" + running.getPort() + " " + key + "\n", StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("inventory.yml"), inventory(fresh.getPort(), running.getPort(), identity), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("playbook.yml"), PLAYBOOK, StandardCharsets.UTF_8);
            return Main.run(output, output, "plan", "-i", dir.resolve("inventory.yml").toString(), dir.resolve("playbook.yml").toString(),
                    "--known-hosts", dir.resolve("known_hosts").toString(), "--no-color", "--verbose", "--detailed-exitcode");
        } finally {
            fresh.stop(true);
            if (running != null) running.stop(true);
        }
    }

    private static final String SNTRUP761 = "sntrup761x25519-sha512";

    /** An SSH server on 127.0.0.1 that lets userKey in and answers every command with these facts. */
    private static SshServer server(KeyPair hostKey, KeyPair userKey, String facts, String onlyKex) throws IOException {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(userKey.getPublic(), key));
        server.setCommandFactory((channel, command) -> new FactsAnswer(command, facts));
        if (onlyKex != null) {
            server.setKeyExchangeFactories(server.getKeyExchangeFactories().stream().filter(f -> f.getName().equals(onlyKex)).toList());
        }
        server.start();
        return server;
    }

    private static String inventory(int freshPort, int runningPort, Path identity) {
        return "all:\n"
                + "  vars: { ansible_user: root, ansible_ssh_private_key_file: \"" + identity + "\", wg_public_interface: eth0 }\n"
                + "  children:\n"
                + "    core:\n"
                + "      children:\n"
                + "        db: { hosts: { train-1: { ansible_host: 127.0.0.1, ansible_port: " + freshPort + " } } }\n"
                + "        web: { hosts: { train-2: { ansible_host: 127.0.0.1, ansible_port: " + runningPort + " } } }\n";
    }

    private static final String PLAYBOOK = """
            planes:
              mgmt: { subnet: 10.200.0.0/24, port: 51820, topology: mesh, members: [core], psk: true }
              app:  { subnet: 10.203.0.0/24, port: 51823, topology: mesh, members: [core] }
            services:
              sshd:       { plane: mgmt }
              postgresql: { plane: mgmt, hosts: [db] }
              nginx:      { plane: app, port: 8080, hosts: [web] }
            firewall: { backend: auto, policy: stealth, keep_public_ssh: true }
            """;
}
