package dev.wgform.planner;

import dev.wgform.desired.TestFleets;
import dev.wgform.model.FirewallSettings.Backend;
import dev.wgform.model.FirewallSettings.Policy;
import dev.wgform.model.Fleet;
import dev.wgform.model.ServiceKind;
import java.util.List;

/** Small fleets to plan against, each with the knobs the planner tests turn. */
final class Scenarios {
    private Scenarios() {}

    /** node-a, node-b and db on a PSK mgmt mesh (and a data mesh), with every built-in service and nftables. */
    static Fleet mesh() {
        return mesh("203.0.113.20", 51821, true);
    }

    static Fleet mesh(String nodeBEndpoint, int dataPort, boolean withData) {
        TestFleets.Builder b = TestFleets.fleet()
                .host("node-a", h -> h.endpoint("203.0.113.10").groups("core", "web", "monitoring"))
                .host("node-b", h -> h.endpoint(nodeBEndpoint).groups("core"))
                .host("db", h -> h.endpoint("203.0.113.30").groups("core", "db"))
                .plane("mgmt", p -> p.subnet("10.200.0.0/24").port(51820).members("core").psk());
        if (withData) b.plane("data", p -> p.subnet("10.201.0.0/24").port(dataPort).members("core"));
        b.service("sshd", ServiceKind.SSHD, "mgmt", 0)
                .service("node_exporter", ServiceKind.NODE_EXPORTER, "mgmt", 9100)
                .service("prometheus", ServiceKind.PROMETHEUS, "mgmt", 9090, "monitoring");
        if (withData) b.service("postgresql", ServiceKind.POSTGRESQL, "data", 0, "db").service("nginx", ServiceKind.NGINX, "data", 8080, "web");
        return b.firewall(Backend.NFTABLES, Policy.STEALTH, true).build();
    }

    /** A stealth hub on 443 with a server spoke and two laptops behind NAT tunnelling everything through it. */
    static Fleet hub() {
        return TestFleets.fleet()
                .host("hub", "203.0.113.1", "core")
                .host("server", "203.0.113.5", "core")
                .host("laptop-1", h -> h.endpoint("192.168.1.23").nat().groups("laptops"))
                .host("laptop-2", h -> h.endpoint("192.168.178.40").nat().groups("laptops"))
                .plane("roam", p -> p.subnet("10.210.0.0/24").port(443).hub("hub").members("core", "laptops").stealth().keepalive(25)
                        .clients(true, List.of("1.1.1.1"), "laptops"))
                .firewall(Backend.NFTABLES, Policy.STEALTH, false)
                .build();
    }
}
