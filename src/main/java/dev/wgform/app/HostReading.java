package dev.wgform.app;

import dev.wgform.facts.HostFacts;
import dev.wgform.model.Host;
import dev.wgform.transport.RemoteHost;

/** How reading one host went: its facts and the open session to keep using, or why it could not be read. */
sealed interface HostReading permits HostReading.Reached, HostReading.Unreachable {
    Host host();

    record Reached(Host host, RemoteHost remote, HostFacts facts) implements HostReading {}

    record Unreachable(Host host, String reason) implements HostReading {}
}
