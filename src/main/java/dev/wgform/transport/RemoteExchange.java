package dev.wgform.transport;

import java.time.Duration;

/**
 * A remote command that is answered while it runs: its script went first on standard input; the script prints a
 * line to say it waits, reads an answer from the rest of its standard input, and goes on. Apply reads a host and, once
 * every host's plan is known, has the same command make its missing keys: one command, not two.
 */
public interface RemoteExchange extends AutoCloseable {

    /**
     * Waits until the command prints {@code line} as a whole line.
     *
     * @return everything it printed before that line, since the last line waited for
     * @throws TransportException when it ends or times out first
     */
    String awaitLine(String line, Duration timeout) throws TransportException;

    /** Sends {@code answer} and leaves standard input open, for a command that asks more than once. */
    void send(String answer) throws TransportException;

    /**
     * Sends {@code answer} and the end of standard input, then waits for the command to end.
     *
     * @return its result; its output is what it printed after the last line waited for
     */
    ExecResult finish(String answer, Duration timeout) throws TransportException;

    /** Ends its standard input unanswered (the script then stops) without waiting; idempotent. */
    @Override
    void close();
}
