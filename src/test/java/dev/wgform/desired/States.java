package dev.wgform.desired;

import dev.wgform.model.AddressText;
import java.util.List;

/** Lookups into built desired state, so tests read as what they check. */
final class States {
    private States() {}

    static HostState host(List<HostState> states, String name) {
        return states.stream().filter(s -> s.host().name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no desired state for " + name));
    }

    static WgInterface iface(List<HostState> states, String host, String plane) {
        return host(states, host).interfaces().stream().filter(i -> i.plane().equals(plane)).findFirst()
                .orElseThrow(() -> new AssertionError(host + " has no interface on " + plane));
    }

    static Peer peer(WgInterface iface, String host) {
        return iface.peers().stream().filter(p -> p.host().equals(host)).findFirst()
                .orElseThrow(() -> new AssertionError(iface.name() + " has no peer " + host));
    }

    static List<String> peerNames(WgInterface iface) {
        return iface.peers().stream().map(Peer::host).toList();
    }

    static List<String> allowed(Peer peer) {
        return peer.allowedIps().stream().map(AddressText::of).toList();
    }
}
