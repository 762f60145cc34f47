package dev.wgform.transport;

import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.client.session.ClientSession;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** One logged-in host: its session (last in the chain, after any jump hosts) and the shell command scripts go to. */
final class SshRemoteHost implements RemoteHost {
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    private static final long ENDED_POLL_NANOS = 50_000_000;

    private final String host;
    private final String where;
    private final List<ClientSession> chain;
    private final ClientSession session;
    private final String command;
    private final AtomicInteger commandsRun = new AtomicInteger();
    private final AtomicInteger commandsOfTransport;

    /** @param commandsOfTransport counts the commands of every session of the transport, this one's included */
    SshRemoteHost(String host, String where, List<ClientSession> chain, String command, AtomicInteger commandsOfTransport) {
        this.host = host;
        this.where = where;
        this.chain = List.copyOf(chain);
        this.session = this.chain.get(this.chain.size() - 1);
        this.command = command;
        this.commandsOfTransport = commandsOfTransport;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int commandsRun() {
        return commandsRun.get();
    }

    /** The command line scripts are run under; for tests and verbose output. */
    String command() {
        return command;
    }

    @Override
    public synchronized ExecResult run(String script, Duration timeout) throws TransportException {
        Objects.requireNonNull(script, "script");
        long deadline = deadline(timeout);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ChannelExec channel = open(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), out, err, deadline, timeout);
        try {
            return ended(channel, deadline, timeout, () -> out.toString(StandardCharsets.UTF_8), err);
        } finally {
            channel.close(true);
        }
    }

    @Override
    public synchronized RemoteExchange start(String script, Duration timeout) throws TransportException {
        Objects.requireNonNull(script, "script");
        long deadline = deadline(timeout);
        FeedStream in = new FeedStream();
        in.feed(script.getBytes(StandardCharsets.UTF_8));
        LineWatch out = new LineWatch();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ChannelExec channel;
        try {
            channel = open(in, out, err, deadline, timeout);
        } catch (TransportException e) {
            in.end();
            throw e;
        }
        return new Exchange(channel, in, out, err);
    }

    /** A command started by {@link #start}: its feed, and its output as it comes. */
    private final class Exchange implements RemoteExchange {
        private final ChannelExec channel;
        private final FeedStream in;
        private final LineWatch out;
        private final ByteArrayOutputStream err;

        Exchange(ChannelExec channel, FeedStream in, LineWatch out, ByteArrayOutputStream err) {
            this.channel = channel;
            this.in = in;
            this.out = out;
            this.err = err;
        }

        @Override
        public String awaitLine(String line, Duration timeout) throws TransportException {
            long deadline = deadline(timeout);
            String before = null;
            boolean ended = false;
            try {
                // the exit status comes after all of the output on the channel: once it is here, so is the line or never
                while (before == null && !ended && System.nanoTime() < deadline) {
                    ended = channel.getExitStatus() != null || channel.getExitSignal() != null || channel.isClosing() || channel.isClosed();
                    before = out.awaitLine(line, Math.min(deadline, System.nanoTime() + ENDED_POLL_NANOS));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("interrupted while waiting for the remote command", e);
            }
            if (before != null) return before;
            if (ended) {
                close();
                String stderr = err.toString(StandardCharsets.UTF_8);
                Integer status = channel.getExitStatus();
                if (status != null) refusedBySudo(status, stderr);
                throw failure("the remote command ended" + (status == null ? "" : " (exit " + status + ")") + " before it was ready"
                        + (stderr.isBlank() ? "" : ": " + stderr.strip().lines().findFirst().orElse("")), null);
            }
            close();
            throw timedOut(timeout);
        }

        @Override
        public void send(String answer) throws TransportException {
            if (!in.feed(answer.getBytes(StandardCharsets.UTF_8))) throw failure("the remote command was already ended", null);
        }

        @Override
        public ExecResult finish(String answer, Duration timeout) throws TransportException {
            long deadline = deadline(timeout);
            try {
                send(answer);
                in.end();
                return ended(channel, deadline, timeout, out::text, err);
            } finally {
                channel.close(true);
            }
        }

        @Override
        public void close() {
            in.end();
        }
    }

    private long deadline(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
        return System.nanoTime() + timeout.toNanos();
    }

    /** A channel running the shell with {@code in} as its standard input, opened. */
    private ChannelExec open(java.io.InputStream in, java.io.OutputStream out, java.io.OutputStream err, long deadline, Duration timeout)
            throws TransportException {
        if (!session.isOpen()) throw failure("the SSH session is closed", null);
        ChannelExec channel;
        try {
            channel = session.createExecChannel(command);
        } catch (IOException | RuntimeException e) {
            throw failure("cannot start a remote command: " + Messages.reason(e), e);
        }
        commandsRun.incrementAndGet();
        commandsOfTransport.incrementAndGet();
        try {
            channel.setIn(in);
            channel.setOut(out);
            channel.setErr(err);
            OpenFuture opened = channel.open();
            if (!opened.await(remainingMillis(deadline))) throw timedOut(timeout);
            if (!opened.isOpened()) {
                Throwable why = opened.getException();
                throw failure("the server refused to run a command"
                        + (why == null ? "" : ": " + Messages.reason(why)), why);
            }
            return channel;
        } catch (TransportException e) {
            channel.close(true);
            throw e;
        } catch (IOException | RuntimeException e) {
            channel.close(true);
            throw failure("remote command failed: " + Messages.reason(e), e);
        }
    }

    /** Waits for the channel to close and gives its result; {@code stdout} is read once it has closed. */
    private ExecResult ended(ChannelExec channel, long deadline, Duration timeout, Supplier<String> stdout, ByteArrayOutputStream err)
            throws TransportException {
        Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), remainingMillis(deadline));
        if (!events.contains(ClientChannelEvent.CLOSED)) throw timedOut(timeout);
        Integer status = channel.getExitStatus();
        String stderr = err.toString(StandardCharsets.UTF_8);
        if (status == null) {
            String signal = channel.getExitSignal();
            throw failure(signal != null
                    ? "the remote shell was killed by signal " + signal
                    : "the connection closed before the remote command finished", null);
        }
        refusedBySudo(status, stderr);
        return new ExecResult(status, stdout.get(), stderr);
    }

    /** Throws when the command never ran because sudo would have asked for a password. */
    private void refusedBySudo(int status, String stderr) throws TransportException {
        if (command.equals(RemoteCommand.SUDO_SHELL) && status == 1 && SudoRefusal.matches(stderr)) {
            throw failure("sudo -n refused to run a shell for the login user (ansible_become needs passwordless sudo): "
                    + stderr.strip().lines().findFirst().orElse(""), null);
        }
    }

    @Override
    public void close() {
        List<ClientSession> lastFirst = new ArrayList<>(chain);
        Collections.reverse(lastFirst);
        for (ClientSession s : lastFirst) {
            try {
                s.close(false).await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (IOException e) {
                s.close(true); // interrupted while closing politely
            }
        }
    }

    private TransportException timedOut(Duration timeout) {
        return failure("remote command timed out after " + Messages.duration(timeout) + " and was stopped", null);
    }

    private TransportException failure(String reason, Throwable cause) {
        return new TransportException(where + ": " + reason, cause);
    }

    private static long remainingMillis(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    /** What sudo prints when it would have to ask for a password. */
    private static final class SudoRefusal {
        static boolean matches(String stderr) {
            return stderr.startsWith("sudo: ")
                    && (stderr.contains("password is required") || stderr.contains("terminal is required")
                    || stderr.contains("not in the sudoers") || stderr.contains("not allowed to execute"));
        }
    }
}
