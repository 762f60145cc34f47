package dev.wgform.transport;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The known_hosts name a connection's host key is checked under, and why the key was refused if it was. It travels
 * in MINA's connection context rather than as a session attribute because MINA clears a session's attributes when
 * the refusal closes it, before the caller gets to read them.
 */
final class HostKeyCheck {
    private final String host;
    private final int port;
    private final AtomicReference<Optional<String>> refusal = new AtomicReference<>(Optional.empty());

    HostKeyCheck(String host, int port) {
        this.host = host;
        this.port = port;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    /** {@code host}, or {@code [host]:port} off port 22. */
    String pattern() {
        return KnownHostsFile.hostPattern(host, port);
    }

    Optional<String> refusal() {
        return refusal.get();
    }

    /** Keeps the first reason given; returns false, the verifier's answer. */
    boolean refuse(String why) {
        refusal.compareAndSet(Optional.empty(), Optional.of(why));
        return false;
    }
}
