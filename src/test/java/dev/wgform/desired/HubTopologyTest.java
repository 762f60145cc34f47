package dev.wgform.desired;

import static dev.wgform.desired.States.allowed;
import static dev.wgform.desired.States.iface;
import static dev.wgform.desired.States.peer;
import static dev.wgform.desired.States.peerNames;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.model.Fleet;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class HubTopologyTest {
    private static TestFleets.Builder hubFleet() {
        return TestFleets.fleet()
                .host("hub", "203.0.113.1", "core")
                .host("laptop-1", h -> h.endpoint("198.51.100.11").groups("laptops"))
                .host("laptop-2", h -> h.endpoint("198.51.100.12").groups("laptops"))
                .host("server", "203.0.113.5", "core");
    }

    @Test
    void spokesPeerOnlyWithTheHubOverTheWholeSubnet() {
        Fleet fleet = hubFleet().plane("roam", p -> p.subnet("10.210.0.0/24").port(443).hub("hub").members("core", "laptops")).build();
        List<HostState> states = DesiredState.build(fleet, PublicKeys.none());

        WgInterface laptop = iface(states, "laptop-1", "roam");
        assertThat(peerNames(laptop)).containsExactly("hub");
        assertThat(allowed(peer(laptop, "hub"))).containsExactly("10.210.0.0/24");
        assertThat(peer(laptop, "hub").endpoint()).contains("203.0.113.1:443");
        assertThat(laptop.listenPort()).isEqualTo(OptionalInt.of(443));
        assertThat(laptop.fullTunnel()).isFalse();
        assertThat(laptop.dns()).isEmpty();

        WgInterface hub = iface(states, "hub", "roam");
        assertThat(peerNames(hub)).containsExactly("laptop-1", "laptop-2", "server");
        assertThat(allowed(peer(hub, "laptop-2"))).containsExactly("10.210.0.3/32");
        assertThat(hub.forwarding()).as("a hub does not forward between spokes").isFalse();
    }

    @Test
    void aRelayForwardsAndItsSpokesStillSeeOnlyIt() {
        Fleet fleet = hubFleet().plane("roam", p -> p.relay("hub").members("core", "laptops")).build();
        List<HostState> states = DesiredState.build(fleet, PublicKeys.none());

        assertThat(iface(states, "hub", "roam").forwarding()).isTrue();
        assertThat(iface(states, "laptop-1", "roam").forwarding()).isFalse();
        assertThat(peerNames(iface(states, "laptop-1", "roam"))).containsExactly("hub");
        assertThat(allowed(peer(iface(states, "laptop-1", "roam"), "hub"))).containsExactly("10.200.0.0/24");
    }

    @Test
    void stealthSpokesDoNotListenAreNotDialledAndKeepThePathOpen() {
        Fleet fleet = hubFleet().plane("roam", p -> p.port(443).hub("hub").members("core", "laptops").stealth()).build();
        List<HostState> states = DesiredState.build(fleet, PublicKeys.none());

        WgInterface laptop = iface(states, "laptop-1", "roam");
        assertThat(laptop.listenPort()).isEmpty();
        assertThat(peer(laptop, "hub").keepalive()).isEqualTo(OptionalInt.of(25));
        assertThat(peer(laptop, "hub").endpoint()).contains("203.0.113.1:443");

        WgInterface hub = iface(states, "hub", "roam");
        assertThat(hub.listenPort()).isEqualTo(OptionalInt.of(443));
        assertThat(peer(hub, "laptop-1").endpoint()).as("a stealth spoke cannot be dialled").isEmpty();
        assertThat(peer(hub, "laptop-1").keepalive()).as("the hub is reachable: the spokes keep the path open").isEmpty();
        assertThat(States.host(states, "laptop-1").firewall().wireguardPorts()).isEmpty();
        assertThat(States.host(states, "hub").firewall().wireguardPorts()).containsExactly(443);
    }

    @Test
    void thePlanesKeepaliveReplacesTheDefault() {
        Fleet fleet = hubFleet().plane("roam", p -> p.hub("hub").members("core", "laptops").stealth().keepalive(15)).build();

        assertThat(peer(iface(DesiredState.build(fleet, PublicKeys.none()), "laptop-2", "roam"), "hub").keepalive())
                .isEqualTo(OptionalInt.of(15));
    }

    @Test
    void fullTunnelClientsRouteEverythingThroughTheHubAndGetDns() {
        Fleet fleet = hubFleet().plane("roam", p -> p.subnet("10.210.0.0/24").hub("hub").members("core", "laptops")
                .clients(true, List.of("1.1.1.1", "9.9.9.9"), "laptops")).build();
        List<HostState> states = DesiredState.build(fleet, PublicKeys.none());

        WgInterface laptop = iface(states, "laptop-1", "roam");
        assertThat(laptop.fullTunnel()).isTrue();
        assertThat(laptop.dns()).containsExactly("1.1.1.1", "9.9.9.9");
        assertThat(allowed(peer(laptop, "hub"))).containsExactly("0.0.0.0/0", "::/0");

        WgInterface server = iface(states, "server", "roam");
        assertThat(server.fullTunnel()).as("not in clients.members").isFalse();
        assertThat(server.dns()).isEmpty();
        assertThat(allowed(peer(server, "hub"))).containsExactly("10.210.0.0/24");

        WgInterface hub = iface(states, "hub", "roam");
        assertThat(hub.forwarding()).as("clients' traffic leaves through the hub").isTrue();
        assertThat(hub.fullTunnel()).isFalse();
        assertThat(States.host(states, "hub").firewall().masquerade()).extracting(Object::toString).containsExactly("10.210.0.0/24");
        assertThat(States.host(states, "laptop-1").firewall().masquerade()).isEmpty();
    }

    @Test
    void emptyClientMembersMeansEverySpoke() {
        Fleet fleet = hubFleet().plane("roam", p -> p.hub("hub").members("core", "laptops").clients(true, List.of())).build();
        List<HostState> states = DesiredState.build(fleet, PublicKeys.none());

        assertThat(iface(states, "server", "roam").fullTunnel()).isTrue();
        assertThat(iface(states, "laptop-2", "roam").fullTunnel()).isTrue();
        assertThat(iface(states, "hub", "roam").fullTunnel()).isFalse();
    }

    @Test
    void hubPlanesWithLanRoutesSendOtherMembersLansViaTheHub() {
        Fleet fleet = TestFleets.fleet()
                .host("hub", h -> h.endpoint("203.0.113.1").groups("g").lan("172.16.0.0/16"))
                .host("site-a", h -> h.endpoint("198.51.100.7").groups("g").lan("192.168.1.0/24"))
                .host("site-b", h -> h.endpoint("198.51.100.8").groups("g").lan("192.168.2.0/24"))
                .plane("s2s", p -> p.subnet("10.220.0.0/24").relay("hub").members("g").lanRoutes())
                .build();
        List<HostState> states = DesiredState.build(fleet, PublicKeys.none());

        assertThat(allowed(peer(iface(states, "site-a", "s2s"), "hub")))
                .containsExactly("10.220.0.0/24", "172.16.0.0/16", "192.168.2.0/24");
        assertThat(allowed(peer(iface(states, "hub", "s2s"), "site-b"))).containsExactly("10.220.0.3/32", "192.168.2.0/24");
    }
}
