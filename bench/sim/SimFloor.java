// Floor probe for bench/sim-fleet (like bench/floor/Floor.java for the lab): a bare JVM program that reads every
// simulated host the way wgform's plan does at the transport level, and nothing else: one MINA session per host,
// at most P at once, one `sh -s` whose stdin is a stand-in script, the whole answer read. No render, no parse, no
// plan: what SSH alone costs for this fleet. Optionally with one key exchange / cipher only, to show what MINA's
// default choice costs (its first key exchange is sntrup761x25519, whose key generation is pure Java in Bouncy Castle).
// With DIGESTS (what wgform asks of a host with 100 peers or more), the stand-in script asks for big files as digests,
// as wgform's does, and ends its input after the question: the same bytes wgform reads from a converged host, and the
// fleet's JVM has compiled the code that serves them before wgform is timed.
// Usage: java -cp wgform.jar:CLASSES SimFloor INVENTORY KNOWN_HOSTS P [KEX|default] [CIPHER|default] [DIGESTS|full]
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.util.security.SecurityUtils;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class SimFloor {
    public static void main(String[] a) throws Exception {
        Path inventory = Path.of(a[0]);
        int parallel = Integer.parseInt(a[2]);
        String kex = a.length > 3 ? a[3] : "default";
        String cipher = a.length > 4 ? a[4] : "default";
        boolean digests = a.length > 5 && a[5].equals("DIGESTS");
        List<Integer> ports = new ArrayList<>();
        Matcher m = Pattern.compile("ansible_port: ([0-9]+)").matcher(Files.readString(inventory));
        while (m.find()) ports.add(Integer.parseInt(m.group(1)));
        Matcher key = Pattern.compile("ansible_ssh_private_key_file: \"([^\"]+)\"").matcher(Files.readString(inventory));
        if (!key.find()) throw new IllegalArgumentException("no ansible_ssh_private_key_file in " + inventory);

        long t0 = System.nanoTime();
        SshClient c = SshClient.setUpDefaultClient();
        if (!kex.equals("default")) c.setKeyExchangeFactories(List.copyOf(c.getKeyExchangeFactories().stream().filter(f -> f.getName().equals(kex)).toList()));
        if (!cipher.equals("default")) c.setCipherFactories(List.copyOf(c.getCipherFactories().stream().filter(f -> f.getName().equals(cipher)).toList()));
        if (c.getKeyExchangeFactories().isEmpty() || c.getCipherFactories().isEmpty()) throw new IllegalArgumentException("no such kex or cipher");
        c.setServerKeyVerifier(new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, Path.of(a[1])));
        c.start();
        var keys = SecurityUtils.loadKeyPairIdentities(null, null, Files.newInputStream(Path.of(key.group(1))), null);
        String end = digests ? "@@texts?\n" : "@@end\n";
        byte[] script = (digests ? "echo '@@wgform-facts 2'\nWGF_DIGEST_OVER=8192\n{\nwgf_texts\n}\n" : "echo '@@wgform-facts 2'\n")
                .getBytes(StandardCharsets.UTF_8);
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        List<Future<Integer>> fs = new ArrayList<>();
        for (int port : ports) {
            fs.add(pool.submit(() -> {
                try (var s = c.connect("root", "127.0.0.1", port).verify(30, TimeUnit.SECONDS).getSession()) {
                    keys.forEach(s::addPublicKeyIdentity);
                    s.auth().verify(30, TimeUnit.SECONDS);
                    try (ChannelExec ch = s.createExecChannel("sh -s")) {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        ch.setOut(out);
                        ch.setErr(new ByteArrayOutputStream());
                        ch.setIn(new java.io.ByteArrayInputStream(script));
                        ch.open().verify(30, TimeUnit.SECONDS);
                        ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TimeUnit.SECONDS.toMillis(60));
                        if (!out.toString(StandardCharsets.UTF_8).endsWith(end)) throw new IllegalStateException("short answer from port " + port);
                        return out.size();
                    }
                }
            }));
        }
        long bytes = 0;
        for (Future<Integer> f : fs) bytes += f.get();
        pool.shutdown();
        c.stop();
        System.out.printf("floor: %d hosts, parallel %d, kex %s, cipher %s, %s: %.2f s, %.1f MB read%n", ports.size(), parallel, kex, cipher,
                digests ? "big files as digests" : "files as text",
                (System.nanoTime() - t0) / 1e9, bytes / 1e6);
    }
}
