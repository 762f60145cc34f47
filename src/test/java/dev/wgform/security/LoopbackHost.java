package dev.wgform.security;

import dev.wgform.transport.TestKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * A pretend host that wgform reaches over real SSH: MINA's server on 127.0.0.1 runs each command as a local
 * {@code sh -s} with {@code WGFORM_ROOT} at {@link #root} and the fake wg, wg-quick, nft, sshd, ip and firewall-cmd of
 * {@code src/test/resources/apply/fakebin} first on PATH, plus two of its own: a {@code systemctl} that answers
 * {@code is-active} for several units at once (so the fact script sees the services running) and a {@code wg show all
 * dump} that prints the running configs' real private keys and PSKs, as the real one does. Every script and login
 * name it receives is kept, to look at afterwards. Nothing here touches the real system outside its temp dir.
 */
final class LoopbackHost implements AutoCloseable {
    static final String REAL_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final Path FAKEBIN = Paths.get("src/test/resources/apply/fakebin");
    /** Units the fact script asks systemd about for the built-in services; all reported active. */
    private static final List<String> RUNNING_UNITS = List.of("ssh", "sshd", "postgresql", "prometheus", "prometheus-node-exporter", "nginx");

    /** A command run: the login name as it arrived, the command line, the script on stdin, and all it sent back. */
    record Received(String user, String command, String script, String sentBack) {}

    final String name;
    final Path dir;
    final Path root;
    final Path state;
    final Path bin;
    final Path log;
    final KeyPair hostKey;
    private final List<Received> ended = new CopyOnWriteArrayList<>();
    /** Commands started; each adds to {@link #ended} when it ends. */
    private final java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
    /** Extra environment for the next commands: FAKE_FAIL, FAKE_ECHO_KEY (see fakebin/_fake.sh). */
    final Map<String, String> env = new java.util.concurrent.ConcurrentHashMap<>();
    private final SshServer server;

    LoopbackHost(String name, Path parent, PublicKey authorized) throws IOException {
        this(name, parent, authorized, TestKeys.ed25519());
    }

    LoopbackHost(String name, Path parent, PublicKey authorized, KeyPair hostKey) throws IOException {
        this.name = name;
        this.hostKey = hostKey;
        dir = Files.createDirectories(parent.resolve("host-" + name));
        root = Files.createDirectories(dir.resolve("root"));
        state = Files.createDirectories(dir.resolve("state"));
        for (String d : List.of("up", "enabled", "active")) Files.createDirectories(state.resolve(d));
        for (String unit : RUNNING_UNITS) Files.writeString(state.resolve("active").resolve(unit), "");
        bin = Files.createDirectories(dir.resolve("bin"));
        log = Files.writeString(dir.resolve("calls.log"), "");
        Files.createDirectories(root.resolve("proc/1"));
        Files.writeString(root.resolve("proc/1/comm"), "systemd\n");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/os-release"), "ID=debian\nVERSION_ID=\"12\"\n");
        installTools();

        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(authorized, key));
        server.setCommandFactory((channel, command) -> new Shell(this, channel.getSession().getUsername(), command));
        server.start();
    }

    int port() {
        return server.getPort();
    }

    /** The host's path {@code /etc/...} under the fake root. */
    Path path(String hostPath) {
        return root.resolve(hostPath.substring(1));
    }

    String read(String hostPath) {
        try {
            return Files.readString(path(hostPath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every regular file under the fake root, as host paths. */
    List<String> files() {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).map(p -> "/" + root.relativize(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every command this host was sent, once each has ended (apply's reading command ends with its run). */
    List<Received> received() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (ended.size() < started.get() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return List.copyOf(ended);
    }

    List<String> scripts() {
        return received().stream().map(Received::script).toList();
    }

    private void installTools() throws IOException {
        try (Stream<Path> tools = Files.list(FAKEBIN)) {
            for (Path t : tools.toList()) executable(bin.resolve(t.getFileName().toString()), Files.readString(t));
        }
        Files.move(bin.resolve("wg"), bin.resolve("wg-fake"));
        Files.move(bin.resolve("nft"), bin.resolve("nft-fake"));
        // nft -s list table: the table as loaded (the shared fake only answers whether one is)
        executable(bin.resolve("nft"), "#!/bin/sh\nif [ \"$1 $2\" = \"-s list\" ]; then cat \"$FAKE_STATE/nft-loaded\" 2>/dev/null; exit; fi\n"
                + "exec \"${0%/*}/nft-fake\" \"$@\"\n");
        executable(bin.resolve("wg"), WG);
        executable(bin.resolve("systemctl"), SYSTEMCTL);
        executable(bin.resolve("nginx"), "#!/bin/sh\n. \"${0%/*}/_fake.sh\"\nlog \"nginx $*\"\n");
    }

    private static void executable(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** wg show all dump as wireguard-tools prints it, secrets included; anything else goes to the shared fake. */
    private static final String WG = """
            #!/bin/sh
            if [ "$*" != "show all dump" ]; then exec "${0%/*}/wg-fake" "$@"; fi
            for f in "$FAKE_STATE"/up/*; do
              [ -f "$f" ] || continue
              i=${f##*/}
              priv=$(sed -n 's/^[[:space:]]*PrivateKey[[:space:]]*=[[:space:]]*//p' "$f" | head -n 1)
              pub=$(printf '%s\\n' "$priv" | PATH=$FAKE_REAL_PATH wg pubkey 2>/dev/null)
              port=$(sed -n 's/^[[:space:]]*ListenPort[[:space:]]*=[[:space:]]*//p' "$f" | head -n 1)
              printf '%s\\t%s\\t%s\\t%s\\toff\\n' "$i" "$priv" "$pub" "${port:-0}"
              awk -v i="$i" '
                function flush() { if (pk != "") printf "%s\\t%s\\t%s\\t%s\\t%s\\t0\\t0\\t0\\t%s\\n", i, pk, psk, ep, ips, ka; pk = "" }
                /^\\[Peer\\]/ { flush(); pk = ""; psk = "(none)"; ep = "(none)"; ips = "(none)"; ka = "off"; next }
                !/=/ { next }
                {
                  k = $0; sub(/=.*/, "", k); gsub(/[[:space:]]/, "", k); k = tolower(k)
                  v = $0; sub(/^[^=]*=[[:space:]]*/, "", v); sub(/[[:space:]]+$/, "", v)
                }
                k == "publickey" { pk = v }
                k == "presharedkey" { psk = v }
                k == "endpoint" { ep = v }
                k == "allowedips" { ips = v; gsub(/[[:space:]]/, "", ips) }
                k == "persistentkeepalive" { ka = v }
                END { flush() }' "$f"
            done
            """;

    /** systemd's systemctl as far as wgform's scripts use it; units live as files under $FAKE_STATE. */
    private static final String SYSTEMCTL = """
            #!/bin/sh
            . "${0%/*}/_fake.sh"
            cmd=$1; shift
            quiet=0
            [ "${1:-}" = --quiet ] && { quiet=1; shift; }
            case "$cmd" in
              is-active)
                rc=3
                for u; do
                  if [ -f "$FAKE_STATE/active/$u" ]; then rc=0; s=active; else s=inactive; fi
                  [ "$quiet" = 1 ] || echo "$s"
                done
                exit "$rc" ;;
              is-enabled) [ -f "$FAKE_STATE/enabled/$1" ] ;;
              enable) log "systemctl enable $1"; touch "$FAKE_STATE/enabled/$1" ;;
              disable) log "systemctl disable $1"; rm -f "$FAKE_STATE/enabled/$1" ;;
              stop) log "systemctl stop $1"; rm -f "$FAKE_STATE/active/$1"; case "$1" in wg-quick@*) rm -f "$FAKE_STATE/up/${1#wg-quick@}" ;; esac ;;
              reload|restart) log "systemctl $cmd $1" ;;
              *) exit 1 ;;
            esac
            """;

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One command: {@code sh -s} (or {@code sudo -n sh -s}, run without sudo) in the fake host's environment. */
    private static final class Shell implements Command {
        private final LoopbackHost host;
        private final String user;
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        Shell(LoopbackHost host, String user, String command) {
            this.host = host;
            this.user = user;
            this.command = command;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback exit) {
            this.exit = exit;
        }

        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            if (!command.equals("sh -s") && !command.equals("sudo -n sh -s")) throw new IOException("unexpected command " + command);
            ProcessBuilder pb = new ProcessBuilder("sh", "-s").directory(host.dir.toFile());
            Map<String, String> e = pb.environment();
            e.clear();
            e.put("HOME", host.dir.toString());
            e.put("LANG", "C");
            e.put("PATH", host.bin + ":" + REAL_PATH);
            e.put("WGFORM_ROOT", host.root.toString());
            e.put("FAKE_LOG", host.log.toString());
            e.put("FAKE_STATE", host.state.toString());
            e.put("FAKE_REAL_PATH", REAL_PATH);
            e.put("FAKE_BIN", host.bin.toString());
            e.putAll(host.env);
            Process p = pb.start();
            host.started.incrementAndGet();
            ByteArrayOutputStream sentBack = new ByteArrayOutputStream();
            Thread stdout = copier(p.getInputStream(), out, sentBack);
            Thread stderr = copier(p.getErrorStream(), err, sentBack);
            Thread worker = new Thread(() -> {
                int code = 255;
                ByteArrayOutputStream script = new ByteArrayOutputStream();
                try {
                    try (OutputStream toShell = p.getOutputStream()) {
                        byte[] buf = new byte[65536];
                        for (int n; (n = in.read(buf)) >= 0; ) {
                            script.write(buf, 0, n);
                            toShell.write(buf, 0, n);
                            toShell.flush(); // a script that waits for an answer must have all of itself first
                        }
                    } catch (IOException closedEarly) {
                        // the shell exited before reading everything
                    }
                    stdout.join();
                    stderr.join();
                    code = p.waitFor();
                    String back;
                    synchronized (sentBack) {
                        back = sentBack.toString(StandardCharsets.UTF_8);
                    }
                    host.ended.add(new Received(user, command, script.toString(StandardCharsets.UTF_8), back));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
                exit.onExit(code);
            }, "loopback-" + host.name);
            worker.setDaemon(true);
            worker.start();
        }

        /** Copies the shell's output to the channel, keeping a copy. */
        private static Thread copier(InputStream from, OutputStream to, ByteArrayOutputStream copy) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[65536];
                try {
                    for (int n; (n = from.read(buf)) >= 0; ) {
                        synchronized (copy) {
                            copy.write(buf, 0, n);
                        }
                        to.write(buf, 0, n);
                        to.flush();
                    }
                } catch (IOException ignored) {
                    // channel closed
                }
            });
            t.setDaemon(true);
            t.start();
            return t;
        }

        @Override
        public void destroy(ChannelSession channel) {
            // the process ends with its stdin
        }
    }
}
