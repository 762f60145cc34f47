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
 * <p>It renders the example, then runs a real {@code wgform plan} against two hosts that are an SSH server in this
 * JVM on 127.0.0.1, answering the fact script like hosts with nothing installed yet, so the archive holds what a
 * plan loads: the SSH handshake, the login, the fact parser, the planner, the plan view. Its throwaway keys live in
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

    /** Exit codes of the two runs: 0 for the render, 2 (changes to make) for the plan when all went as meant. */
    record Result(int render, int plan) {}

    static Result run(Path inventory, Path playbook) throws IOException, GeneralSecurityException {
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        Path dir = Files.createTempDirectory("wgform-cds");
        try {
            int render = Main.run(quiet, quiet, "render", "-i", inventory.toString(), playbook.toString(),
                    "--out", dir.resolve("render").toString(), "--no-color");
            return new Result(render, planAgainstLoopback(dir, quiet));
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    private static int planAgainstLoopback(Path dir, PrintWriter quiet) throws IOException, GeneralSecurityException {
        KeyPair hostKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        KeyPair userKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        Path identity = dir.resolve("id_ed25519");
        try (OutputStream out = Files.newOutputStream(identity)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(userKey, "wgform-cds", null, out);
        }
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(userKey.getPublic(), key));
        server.setCommandFactory((channel, command) -> new BareHostAnswer(command));
        server.start();
        try {
            int port = server.getPort();
            Files.writeString(dir.resolve("known_hosts"),
                    "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n", StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("inventory.yml"), inventory(port, identity), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("playbook.yml"), PLAYBOOK, StandardCharsets.UTF_8);
            return Main.run(quiet, quiet, "plan", "-i", dir.resolve("inventory.yml").toString(), dir.resolve("playbook.yml").toString(),
                    "--known-hosts", dir.resolve("known_hosts").toString(), "--no-color", "--verbose", "--detailed-exitcode");
        } finally {
            server.stop(true);
        }
    }

    private static String inventory(int port, Path identity) {
        return "all:\n"
                + "  vars: { ansible_user: root, ansible_port: " + port + ", ansible_ssh_private_key_file: \"" + identity + "\", "
                + "wg_public_interface: eth0 }\n"
                + "  children:\n"
                + "    core:\n"
                + "      children:\n"
                + "        db: { hosts: { train-1: { ansible_host: 127.0.0.1 } } }\n"
                + "        web: { hosts: { train-2: { ansible_host: 127.0.0.1 } } }\n";
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
