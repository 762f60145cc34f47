package dev.wgform.security;

import dev.wgform.cli.Main;
import dev.wgform.transport.TestKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * A workstation directory (inventory, playbook, known_hosts, an identity, and whatever wgform writes) and a few
 * {@link LoopbackHost}s it reaches over SSH; {@link #wgform} runs the real command line in-process against them.
 */
final class LoopbackFleet implements AutoCloseable {
    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    final Path dir;
    final Path identity;
    final Path knownHosts;
    final Map<String, LoopbackHost> hosts = new LinkedHashMap<>();

    private LoopbackFleet(Path dir) {
        this.dir = dir;
        this.identity = dir.resolve("id_ed25519");
        this.knownHosts = dir.resolve("known_hosts");
    }

    /**
     * Hosts of these names, each with a fresh host key recorded in known_hosts. The workstation is {@code
     * base/workstation}; the hosts live apart from it, under {@code base/hosts}, so that their secrets are not on it.
     */
    static LoopbackFleet start(Path base, String... names) throws IOException {
        LoopbackFleet fleet = new LoopbackFleet(Files.createDirectories(base.resolve("workstation")));
        KeyPair user = TestKeys.ed25519();
        TestKeys.write(user, fleet.identity);
        Path hostsDir = Files.createDirectories(base.resolve("hosts"));
        StringBuilder known = new StringBuilder();
        try {
            for (String name : names) {
                LoopbackHost h = new LoopbackHost(name, hostsDir, user.getPublic());
                fleet.hosts.put(name, h);
                known.append("[127.0.0.1]:").append(h.port()).append(' ').append(PublicKeyEntry.toString(h.hostKey.getPublic())).append('\n');
            }
        } catch (IOException | RuntimeException e) {
            fleet.close();
            throw e;
        }
        Files.writeString(fleet.knownHosts, known.toString());
        return fleet;
    }

    LoopbackHost host(String name) {
        return hosts.get(name);
    }

    /**
     * Writes {@code inventory.yml}: every host reached at 127.0.0.1 on its port with the identity, as root, plus the
     * extra vars given for it (YAML flow-map entries, e.g. {@code "wg_os_family: redhat"}).
     */
    Path inventory(Map<String, String> extraVars) {
        StringBuilder y = new StringBuilder("all:\n  vars:\n    ansible_user: root\n    ansible_ssh_private_key_file: ")
                .append(identity).append("\n  hosts:\n");
        hosts.forEach((name, h) -> {
            y.append("    ").append(name).append(": { ansible_host: 127.0.0.1, ansible_port: ").append(h.port());
            String extra = extraVars.get(name);
            if (extra != null) y.append(", ").append(extra);
            y.append(" }\n");
        });
        return write("inventory.yml", y.toString());
    }

    Path write(String name, String content) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            return Files.writeString(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code wgform ARGS --known-hosts KNOWN --no-color}, in-process. */
    Result wgform(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--known-hosts", knownHosts.toString(), "--no-color"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    /** Every script any host was sent, in order per host. */
    List<String> scripts() {
        return hosts.values().stream().flatMap(h -> h.scripts().stream()).toList();
    }

    @Override
    public void close() {
        hosts.values().forEach(LoopbackHost::close);
    }
}
