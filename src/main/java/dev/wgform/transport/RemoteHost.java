package dev.wgform.transport;

import java.time.Duration;

/**
 * A logged-in host. Every {@link #run} is one command channel on the same SSH session running {@code sh -s}
 * (or {@code sudo -n sh -s}) with the script on its standard input, so no payload ever appears on a command line.
 * Calls are serial per host; use one RemoteHost per host and hosts in parallel.
 */
public interface RemoteHost extends AutoCloseable {

    /** The inventory name of the host. */
    String host();

    /**
     * Runs {@code script} on the host and waits for it to finish.
     *
     * @param timeout how long the command may take; past it the channel is closed and this throws
     * @throws TransportException when the command could not run to its end (its own failure is an exit code)
     */
    ExecResult run(String script, Duration timeout) throws TransportException;

    /**
     * Starts {@code script} like {@link #run}, but leaves its standard input open for an answer: see
     * {@link RemoteExchange}.
     *
     * @param timeout how long the channel may take to open
     */
    RemoteExchange start(String script, Duration timeout) throws TransportException;

    /** How many commands {@link #run} and {@link #start} have started on this host. */
    int commandsRun();

    @Override
    void close();
}
