package dev.wgform.app;

import dev.wgform.facts.HostFacts;
import dev.wgform.model.Host;
import dev.wgform.transport.RemoteExchange;
import dev.wgform.transport.RemoteHost;
import java.util.Optional;

/** How reading one host went: its facts and the open session to keep using, or why it could not be read. */
sealed interface HostReading permits HostReading.Reached, HostReading.Unreachable {
    Host host();

    /**
     * @param keysOnAnswer apply's reading command, still running: answered, it makes the host's missing private keys
     *                     (see {@link dev.wgform.apply.KeysScript#onAnswer}); closed unanswered, it ends
     */
    record Reached(Host host, RemoteHost remote, HostFacts facts, Optional<RemoteExchange> keysOnAnswer) implements HostReading {}

    record Unreachable(Host host, String reason) implements HostReading {}
}
