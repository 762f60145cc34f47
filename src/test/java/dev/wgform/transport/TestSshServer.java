package dev.wgform.transport;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * MINA's embedded SSH server on 127.0.0.1 and a random port. Commands really run: {@code sh -s} as a local process
 * fed by the channel's stdin. {@code sudo -n sh -s} is recorded and run as {@code sh -s} (no sudo in tests), except
 * for the user {@value #NO_SUDO_USER}, for whom it fails the way sudo does when it would need a password.
 */
final class TestSshServer implements AutoCloseable {
    /** What the server was asked to run, and as whom. */
    record Received(String user, String command) {
    }

    static final String NO_SUDO_USER = "carol";

    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger sessions = new AtomicInteger();
    /** The key exchange each session agreed on, in the order they did. */
    final List<String> keyExchanges = new CopyOnWriteArrayList<>();
    private final SshServer server;

    private TestSshServer(SshServer server) {
        this.server = server;
    }

    /**
     * @param hostKeys   the server's host keys
     * @param authorized public keys allowed to log in, by user
     * @param forwarding whether the server lets clients forward ports (to be a jump host)
     */
    static TestSshServer start(List<KeyPair> hostKeys, Map<String, List<PublicKey>> authorized, boolean forwarding)
            throws IOException {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKeys));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setPublickeyAuthenticator((user, key, session) ->
                authorized.getOrDefault(user, List.of()).stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
        if (forwarding) server.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        TestSshServer test = new TestSshServer(server);
        server.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                test.sessions.incrementAndGet();
            }

            @Override
            public void sessionEvent(Session session, Event event) {
                if (event == Event.KeyEstablished) {
                    test.keyExchanges.add(session.getNegotiatedKexParameter(KexProposalOption.ALGORITHMS));
                }
            }
        });
        server.setCommandFactory((channel, command) -> {
            test.received.add(new Received(channel.getSession().getUsername(), command));
            if (!command.equals("sh -s") && !command.equals("sudo -n sh -s")) throw new IOException("unexpected command " + command);
            boolean sudoRefused = command.startsWith("sudo") && channel.getSession().getUsername().equals(NO_SUDO_USER);
            return new ShellProcess(sudoRefused
                    ? List.of("sh", "-c", "echo 'sudo: a password is required' >&2; exit 1")
                    : List.of("sh", "-s"));
        });
        server.start();
        return test;
    }

    int port() {
        return server.getPort();
    }

    List<String> commands() {
        return received.stream().map(Received::command).toList();
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /** A real local process ({@code sh -s}), its streams tied to the channel's. */
    private static final class ShellProcess implements Command {
        private final List<String> argv;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private volatile Process process;

        ShellProcess(List<String> argv) {
            this.argv = argv;
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
            process = new ProcessBuilder(argv).start();
            Thread stdin = daemon(() -> {
                try (OutputStream toShell = process.getOutputStream()) {
                    copy(in, toShell);
                } catch (IOException e) {
                    // the shell exited early
                }
            });
            Thread stderr = daemon(() -> copy(process.getErrorStream(), err));
            daemon(() -> {
                int code = 255;
                try {
                    copy(process.getInputStream(), out);
                    stderr.join();
                    code = process.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                stdin.interrupt();
                exit.onExit(code);
            });
        }

        @Override
        public void destroy(ChannelSession channel) {
            Process p = process;
            if (p != null) p.descendants().forEach(ProcessHandle::destroyForcibly);
            if (p != null) p.destroyForcibly();
        }

        /** Each read passed on at once, as sshd does: a script that waits for an answer must be heard first. */
        private static void copy(InputStream from, OutputStream to) {
            try {
                byte[] buf = new byte[8192];
                for (int n = from.read(buf); n >= 0; n = from.read(buf)) {
                    to.write(buf, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // channel closed
            }
        }

        private static Thread daemon(Runnable body) {
            Thread t = new Thread(body, "test-sshd-shell");
            t.setDaemon(true);
            t.start();
            return t;
        }
    }
}
