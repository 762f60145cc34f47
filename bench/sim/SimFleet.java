// A simulated fleet for bench/sim-fleet: N hosts that are one MINA SSHD server in this JVM, listening on N loopback
// ports (one port per host, one shared host key, one shared I/O thread pool), each answering wgform's fact script
// from an in-memory host (ConvergedFacts). Writes inventory.yml, known_hosts and id_ed25519 into DIR next to the
// playbook.yml there, prints "ready", and serves until killed (30 minutes at most).
// Usage: java [-Dsim.kex=NAME,...] -cp wgform.jar:CLASSES SimFleet N DIR [--bare]
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

public final class SimFleet {
    private static final long LIFETIME_MS = 30 * 60 * 1000L;

    /** MINA binds one port at start; the acceptor it keeps can bind more, all served by the same I/O threads. */
    static final class MultiPortServer extends SshServer {
        void bindMore(SocketAddress address) throws IOException {
            acceptor.bind(address);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) throw new IllegalArgumentException("usage: SimFleet N DIR [--bare]");
        int n = Integer.parseInt(args[0]);
        if (n < 3 || n > 60_000) throw new IllegalArgumentException("3 <= N <= 60000 (every group of the playbook needs a host)");
        Path dir = Path.of(args[1]).toAbsolutePath();
        boolean bare = args.length > 2 && args[2].equals("--bare");
        Thread stop = new Thread(() -> {
            try {
                Thread.sleep(LIFETIME_MS);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("sim-fleet: 30 minutes are up, stopping");
            System.exit(0);
        }, "sim-lifetime");
        stop.setDaemon(true);
        stop.start();

        long t0 = System.nanoTime();
        KeyPair hostKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        KeyPair userKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        Path identity = dir.resolve("id_ed25519");
        try (OutputStream out = Files.newOutputStream(identity)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(userKey, "wgform-sim", null, out);
        }
        Files.setPosixFilePermissions(identity, PosixFilePermissions.fromString("rw-------"));

        // answers are looked up by the port a session came in on; filled before "ready"
        Map<Integer, byte[]> answerByPort = new HashMap<>();
        AtomicInteger commands = new AtomicInteger();
        ExecutorService answering = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sim-answer");
            t.setDaemon(true);
            return t;
        });

        MultiPortServer server = (MultiPortServer) ServerBuilder.builder().factory(MultiPortServer::new).build();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(userKey.getPublic(), key));
        server.setCommandFactory((channel, command) -> {
            InetSocketAddress local = (InetSocketAddress) channel.getSession().getIoSession().getAcceptanceAddress();
            commands.incrementAndGet();
            int port = local.getPort();
            return new FactAnswer(command, answerByPort.get(port), over -> digested(port, answerByPort.get(port), over), answering);
        });
        String kex = System.getProperty("sim.kex", "");
        if (!kex.isEmpty()) { // what-if: hosts that offer only these key exchanges (comma-separated names)
            List<String> names = List.of(kex.split(","));
            server.setKeyExchangeFactories(List.copyOf(server.getKeyExchangeFactories().stream().filter(f -> names.contains(f.getName())).toList()));
            if (server.getKeyExchangeFactories().isEmpty()) throw new IllegalArgumentException("no key exchange named in sim.kex=" + kex);
        }
        server.start();
        for (int i = 1; i < n; i++) server.bindMore(new InetSocketAddress("127.0.0.1", 0));
        List<Integer> ports = new ArrayList<>();
        for (SocketAddress a : server.getBoundAddresses()) ports.add(((InetSocketAddress) a).getPort());
        ports.sort(null);
        if (ports.size() != n) throw new IllegalStateException("bound " + ports.size() + " ports, wanted " + n);

        StringBuilder known = new StringBuilder();
        String hostKeyText = PublicKeyEntry.toString(hostKey.getPublic());
        for (int port : ports) known.append("[127.0.0.1]:").append(port).append(' ').append(hostKeyText).append('\n');
        Files.writeString(dir.resolve("known_hosts"), known.toString(), StandardCharsets.UTF_8);
        Path inventory = Files.writeString(dir.resolve("inventory.yml"), inventory(ports, identity), StandardCharsets.UTF_8);

        Map<String, byte[]> answers = ConvergedFacts.build(inventory, dir.resolve("playbook.yml"), bare);
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            byte[] a = answers.get("sim-" + (i + 1));
            answerByPort.put(ports.get(i), a);
            if (!bare) digested(ports.get(i), a, DIGEST_OVER); // made before "ready", not while wgform is timed
            bytes += a.length;
        }
        answers = null;
        System.gc();
        Runtime rt = Runtime.getRuntime();
        System.err.printf("sim-fleet: %d %s hosts on 127.0.0.1:%d..%d, answers %.1f MB in all (%.0f KB per host), "
                        + "heap used %d MB, set up in %.1f s%n", n, bare ? "bare" : "converged", ports.get(0), ports.get(n - 1),
                bytes / 1e6, bytes / 1e3 / n, (rt.totalMemory() - rt.freeMemory()) >> 20, (System.nanoTime() - t0) / 1e9);
        System.out.println("ready");
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                System.err.println("sim-fleet: answered " + commands.get() + " commands")));
        Thread.currentThread().join(); // until killed; the lifetime thread ends it at the latest
    }

    /** port -> the host's answer in digest form, for the threshold it was made for (the one wgform uses). */
    private static final Map<Integer, DigestForm> DIGESTED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int DIGEST_OVER = 8192;

    static DigestForm digested(int port, byte[] answer, int over) {
        try {
            if (over != DIGEST_OVER) return new DigestForm(answer, over);
            DigestForm f = DIGESTED.get(port);
            if (f == null) DIGESTED.put(port, f = new DigestForm(answer, over));
            return f;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The four-plane example's groups and vars as the lab's inventory has them (sim-1 db, sim-2 monitoring, the rest
     * web, all core), every host at 127.0.0.1 on its own port, host N at .N-ish on every plane (/16 subnets).
     */
    static String inventory(List<Integer> ports, Path identity) {
        StringBuilder y = new StringBuilder();
        y.append("# Generated by bench/sim/SimFleet.java: simulated hosts on loopback ports\n");
        y.append("all:\n  vars:\n    ansible_user: root\n    ansible_ssh_private_key_file: \"").append(identity).append("\"\n");
        y.append("    wg_public_interface: eth0\n  children:\n    core:\n      children:\n");
        String[] groups = {"db", "monitoring", "web"};
        int n = ports.size();
        for (int g = 0; g < groups.length; g++) {
            y.append("        ").append(groups[g]).append(":\n          hosts:\n");
            for (int i = 1; i <= n; i++) {
                if (Math.min(i, 3) - 1 != g) continue;
                String a = (i / 250) + "." + (i % 250 + 1);
                y.append("            sim-").append(i).append(": { ansible_host: 127.0.0.1, ansible_port: ").append(ports.get(i - 1))
                        .append(", wg_addresses: { mgmt: 10.200.").append(a).append(", data: 10.201.").append(a)
                        .append(", monitor: 10.202.").append(a).append(", app: 10.203.").append(a).append(" } }\n");
            }
        }
        return y.toString();
    }
}
