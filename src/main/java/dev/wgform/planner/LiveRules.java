package dev.wgform.planner;

import dev.wgform.desired.ServiceState;
import dev.wgform.facts.FactRequests;
import dev.wgform.facts.HostFacts;
import dev.wgform.facts.ListeningSocket;
import dev.wgform.facts.NftTable;
import dev.wgform.model.Host;
import dev.wgform.model.ServiceKind;
import java.util.List;
import java.util.OptionalInt;

/**
 * What runs from a file that is as rendered, but is not what the file says: wgform's nftables table flushed or
 * edited by hand, a bound service stopped or not listening on its plane address (a custom service: not listening,
 * when it has a port). Each line is a reason to load or
 * reload again; none when the facts do not tell (no nft or ss on the host, a service wgform never bound).
 */
final class LiveRules {
    private LiveRules() {}

    static List<String> firewall(String path, HostFacts facts) {
        if (!path.equals(FactRequests.NFTABLES_FILE) || facts.nftables().isEmpty()) return List.of();
        NftTable t = facts.nftables().get();
        String table = "table " + FactRequests.NFTABLES_TABLE;
        if (!t.present()) return List.of(table + " is not loaded: load it again");
        if (t.changedSinceLoad()) return List.of(table + " was changed by hand since wgform loaded it: load it again");
        return List.of();
    }

    /**
     * @param installed wgform installed the binding's file before: only then is a stopped service a difference
     *                  (a service that was never bound, or is not installed, is left alone)
     */
    static List<String> service(ServiceState service, Host host, HostFacts facts, boolean installed) {
        if (!installed) return List.of();
        // a custom service's process need not carry its name: only its socket tells whether it runs
        Boolean running = facts.services().get(service.name());
        if (Boolean.FALSE.equals(running) && service.kind() != ServiceKind.CUSTOM) return List.of(service.name() + " is stopped: start it");
        OptionalInt port = portOf(service, host);
        if (facts.listening().isEmpty() || port.isEmpty()) return List.of();
        List<ListeningSocket> sockets = facts.listening().get();
        boolean listening = sockets.stream().anyMatch(s -> s.covers("tcp", service.address(), port.getAsInt()));
        if (listening) return List.of();
        return List.of(service.name() + " is not listening on " + hostPort(service, port.getAsInt()) + ": "
                + (service.kind() == ServiceKind.POSTGRESQL ? "restart" : "reload") + " it");
    }

    /** The port a bound service listens on: its own, or its kind's usual one (sshd: the port wgform logs in on). */
    static OptionalInt portOf(ServiceState service, Host host) {
        if (service.port().isPresent()) return service.port();
        switch (service.kind()) {
            case SSHD: return OptionalInt.of(host.sshPort());
            case POSTGRESQL: return OptionalInt.of(5432);
            default: return OptionalInt.empty();
        }
    }

    private static String hostPort(ServiceState s, int port) {
        String a = s.address().getHostAddress();
        return (a.contains(":") ? "[" + a + "]" : a) + ":" + port;
    }
}
