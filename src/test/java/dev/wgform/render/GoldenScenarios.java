package dev.wgform.render;

import dev.wgform.desired.PublicKeys;
import dev.wgform.desired.TestFleets;
import dev.wgform.model.FirewallSettings.Backend;
import dev.wgform.model.FirewallSettings.Policy;
import dev.wgform.model.Fleet;
import dev.wgform.model.ServiceKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fleets built in memory whose rendered files are kept as golden files: one per feature worth seeing whole. */
final class GoldenScenarios {
    /** Public keys that look real (base64 of 32 bytes) but are not anyone's. */
    static final Map<String, String> KNOWN_KEYS = Map.of(
            "node-a/mgmt", "YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=",
            "node-b/mgmt", "YmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmI=");

    static final PublicKeys SOME_KEYS = (host, plane) -> Optional.ofNullable(KNOWN_KEYS.get(host + "/" + plane));

    private GoldenScenarios() {}

    /** Two Debian nodes and a RHEL database on a PSK mgmt mesh and a data mesh, every built-in service, stealth firewall. */
    static Fleet meshServices() {
        return TestFleets.fleet()
                .host("node-a", h -> h.endpoint("203.0.113.10").groups("core", "web", "monitoring"))
                .host("node-b", h -> h.endpoint("203.0.113.20").groups("core").sshPort(2222))
                .host("db", h -> h.endpoint("203.0.113.30").groups("core", "db").os("redhat").var("wg_postgresql_version", 16))
                .plane("mgmt", p -> p.subnet("10.200.0.0/24").port(51820).members("core").psk())
                .plane("data", p -> p.subnet("10.201.0.0/24").port(51821).members("core").mtu(1420))
                .service("sshd", ServiceKind.SSHD, "mgmt", 0)
                .service("postgresql", ServiceKind.POSTGRESQL, "data", 0, "db")
                .service("prometheus", ServiceKind.PROMETHEUS, "mgmt", 9090, "monitoring")
                .service("node_exporter", ServiceKind.NODE_EXPORTER, "mgmt", 9100)
                .service("nginx", ServiceKind.NGINX, "data", 8080, "web")
                .firewall(Backend.AUTO, Policy.STEALTH, true, "tcp/443", "udp/53")
                .build();
    }

    /** A stealth hub on port 443: laptops behind NAT tunnel everything through it; a server spoke does not. */
    static Fleet hubStealthFullTunnel() {
        return TestFleets.fleet()
                .host("hub", "203.0.113.1", "core")
                .host("server", "203.0.113.5", "core")
                .host("laptop-1", h -> h.endpoint("192.168.1.23").nat().groups("laptops"))
                .host("laptop-2", h -> h.endpoint("192.168.178.40").nat().groups("laptops"))
                .plane("roam", p -> p.subnet("10.210.0.0/24").port(443).hub("hub").members("core", "laptops").stealth()
                        .clients(true, List.of("1.1.1.1", "2606:4700:4700::1111"), "laptops"))
                .firewall(Backend.NFTABLES, Policy.STEALTH, false, "tcp/443")
                .build();
    }

    /** A relay between offices behind NAT, and an IPv6 mesh beside it; firewalld with the open policy. */
    static Fleet relayNatIpv6() {
        return TestFleets.fleet()
                .host("relay", h -> h.endpoint("2001:db8::60").groups("relays").os("redhat"))
                .host("office-a", h -> h.endpoint("10.1.0.5").nat().groups("sites").os("redhat"))
                .host("office-b", h -> h.endpoint("10.2.0.5").nat().groups("sites").os("redhat"))
                .plane("sites", p -> p.subnet("fd00:225::/64").port(51845).relay("relay").members("relays", "sites").keepalive(20))
                .firewall(Backend.AUTO, Policy.OPEN, true)
                .build();
    }

    /** Gateways routing their LANs to each other over a PSK mesh; no firewall management. */
    static Fleet siteToSite() {
        return TestFleets.fleet()
                .host("gw-berlin", h -> h.endpoint("198.51.100.20").groups("gateways").lan("192.168.10.0/24"))
                .host("gw-lisbon", h -> h.endpoint("203.0.113.70").groups("gateways").lan("192.168.20.0/24", "fd00:20::/64"))
                .host("gw-dc", h -> h.endpoint("203.0.113.80").groups("gateways"))
                .plane("s2s", p -> p.subnet("10.230.0.0/24").port(51850).members("gateways").psk().lanRoutes())
                .firewall(Backend.NONE, Policy.STEALTH, true)
                .build();
    }
}
