package dev.wgform.app;

import dev.wgform.facts.HostFacts;
import dev.wgform.model.Host;
import dev.wgform.transport.RemoteHost;
import java.util.Optional;

/** How reading one host went: its facts and the open session to keep using, or why it could not be read. */
sealed interface HostReading permits HostReading.Reached, HostReading.Unreachable {
    Host host();

    /**
     * @param asking the reading command, still running when it has questions to be answered: the texts of big files
     *               it sent as digests, apply's missing keys (see {@link ReadingCommand}); closed unanswered, it ends
     */
    record Reached(Host host, RemoteHost remote, HostFacts facts, Optional<ReadingCommand> asking) implements HostReading {}

    record Unreachable(Host host, String reason) implements HostReading {}
}
