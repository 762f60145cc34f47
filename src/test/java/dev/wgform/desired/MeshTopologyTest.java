package dev.wgform.desired;

import static dev.wgform.desired.States.allowed;
import static dev.wgform.desired.States.iface;
import static dev.wgform.desired.States.peer;
import static dev.wgform.desired.States.peerNames;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.model.Fleet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class MeshTopologyTest {
    private static Fleet threeNodeMesh() {
        return TestFleets.fleet()
                .host("node-a", "203.0.113.10", "core")
                .host("node-b", "203.0.113.20", "core")
                .host("node-c", "203.0.113.30", "core")
                .host("outsider", "203.0.113.99", "other")
                .plane("mgmt", p -> p.subnet("10.200.0.0/24").port(51820).members("core").psk())
                .build();
    }

    @Test
    void everyOtherMemberIsAPeerWithItsHostRouteAndEndpoint() {
        List<HostState> states = DesiredState.build(threeNodeMesh(), PublicKeys.none());

        WgInterface a = iface(states, "node-a", "mgmt");
        assertThat(a.name()).isEqualTo("wg-mgmt");
        assertThat(a.addressWithPrefix()).isEqualTo("10.200.0.1/24");
        assertThat(a.listenPort()).isEqualTo(OptionalInt.of(51820));
        assertThat(a.forwarding()).isFalse();
        assertThat(a.privateKeyPath()).isEqualTo("/etc/wireguard/keys/wg-mgmt.key");
        assertThat(peerNames(a)).containsExactly("node-b", "node-c");
        Peer b = peer(a, "node-b");
        assertThat(allowed(b)).containsExactly("10.200.0.2/32");
        assertThat(b.endpoint()).contains("203.0.113.20:51820");
        assertThat(b.keepalive()).isEmpty();
        assertThat(b.key()).isEqualTo(new PeerKey.Pending("node-b", "mgmt"));
        assertThat(peerNames(iface(states, "node-c", "mgmt"))).containsExactly("node-a", "node-b");
    }

    @Test
    void theMembersThatSeeAPeerShareOneInstanceOfIt() {
        List<HostState> states = DesiredState.build(threeNodeMesh(), PublicKeys.none());

        // the renderer finds a peer's template model by identity first, and a 500-host mesh holds 2000 peers, not a million
        assertThat(peer(iface(states, "node-a", "mgmt"), "node-c")).isSameAs(peer(iface(states, "node-b", "mgmt"), "node-c"));
        assertThat(peer(iface(states, "node-b", "mgmt"), "node-a")).isSameAs(peer(iface(states, "node-c", "mgmt"), "node-a"));
    }

    @Test
    void pskFilesAreNamedAfterTheOtherPeerOnBothSides() {
        List<HostState> states = DesiredState.build(threeNodeMesh(), PublicKeys.none());

        assertThat(peer(iface(states, "node-a", "mgmt"), "node-b").pskPath()).contains("/etc/wireguard/keys/wg-mgmt/node-b.psk");
        assertThat(peer(iface(states, "node-b", "mgmt"), "node-a").pskPath()).contains("/etc/wireguard/keys/wg-mgmt/node-a.psk");
    }

    @Test
    void onlyPlaneMembersGetAStateInInventoryOrder() {
        List<HostState> states = DesiredState.build(threeNodeMesh(), PublicKeys.none());

        assertThat(states).extracting(s -> s.host().name()).containsExactly("node-a", "node-b", "node-c");
    }

    @Test
    void knownPublicKeysAreUsedAndOthersStayPending() {
        String keyOfB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb=";
        PublicKeys keys = (host, plane) -> host.equals("node-b") ? Optional.of(keyOfB) : Optional.empty();

        WgInterface a = iface(DesiredState.build(threeNodeMesh(), keys), "node-a", "mgmt");

        assertThat(peer(a, "node-b").key()).isEqualTo(new PeerKey.Known(keyOfB));
        assertThat(peer(a, "node-c").key()).isEqualTo(new PeerKey.Pending("node-c", "mgmt"));
    }

    @Test
    void withoutPskThereIsNoPskPath() {
        Fleet fleet = TestFleets.fleet().host("a", "198.51.100.1", "g").host("b", "198.51.100.2", "g")
                .plane("data", p -> p.members("g")).build();

        assertThat(peer(iface(DesiredState.build(fleet, PublicKeys.none()), "a", "data"), "b").pskPath()).isEmpty();
    }

    @Test
    void ipv6PlanesUse128BitHostRoutesAndBracketedEndpoints() {
        Fleet fleet = TestFleets.fleet()
                .host("a", "2001:db8::a", "g")
                .host("b", "2001:db8::b", "g")
                .plane("v6", p -> p.subnet("fd00:200::/64").port(51830).members("g"))
                .build();

        WgInterface a = iface(DesiredState.build(fleet, PublicKeys.none()), "a", "v6");

        assertThat(a.addressWithPrefix()).isEqualTo("fd00:200::1/64");
        Peer b = peer(a, "b");
        assertThat(allowed(b)).containsExactly("fd00:200::2/128");
        assertThat(b.endpoint()).contains("[2001:db8::b]:51830");
    }

    @Test
    void siteToSiteMeshRoutesEachMembersLans() {
        Fleet fleet = TestFleets.fleet()
                .host("site-a", h -> h.endpoint("198.51.100.7").groups("sites").lan("192.168.1.0/24"))
                .host("site-b", h -> h.endpoint("198.51.100.8").groups("sites").lan("192.168.2.0/24", "192.168.3.0/24"))
                .host("dc", "203.0.113.10", "sites")
                .plane("s2s", p -> p.subnet("10.220.0.0/24").members("sites").lanRoutes())
                .build();
        List<HostState> states = DesiredState.build(fleet, PublicKeys.none());

        WgInterface dc = iface(states, "dc", "s2s");
        assertThat(allowed(peer(dc, "site-a"))).containsExactly("10.220.0.1/32", "192.168.1.0/24");
        assertThat(allowed(peer(dc, "site-b"))).containsExactly("10.220.0.2/32", "192.168.2.0/24", "192.168.3.0/24");
        assertThat(dc.forwarding()).as("no LAN of its own to route").isFalse();
        assertThat(iface(states, "site-a", "s2s").forwarding()).as("routes its LAN into the plane").isTrue();
    }

    @Test
    void lansAreNotRoutedOnPlanesWithoutLanRoutes() {
        Fleet fleet = TestFleets.fleet()
                .host("site-a", h -> h.endpoint("198.51.100.7").groups("sites").lan("192.168.1.0/24"))
                .host("dc", "203.0.113.10", "sites")
                .plane("mgmt", p -> p.members("sites"))
                .build();
        List<HostState> states = DesiredState.build(fleet, PublicKeys.none());

        assertThat(allowed(peer(iface(states, "dc", "mgmt"), "site-a"))).containsExactly("10.200.0.1/32");
        assertThat(iface(states, "site-a", "mgmt").forwarding()).isFalse();
    }

    @Test
    void aHostOnSeveralPlanesGetsOneInterfaceEachInPlaybookOrder() {
        Fleet fleet = TestFleets.fleet()
                .host("a", "198.51.100.1", "g").host("b", "198.51.100.2", "g")
                .plane("mgmt", p -> p.members("g").mtu(1380))
                .plane("data", p -> p.members("a", "b"))
                .build();

        HostState a = States.host(DesiredState.build(fleet, PublicKeys.none()), "a");

        assertThat(a.interfaces()).extracting(WgInterface::name).containsExactly("wg-mgmt", "wg-data");
        assertThat(a.interfaces().get(0).mtu()).isEqualTo(OptionalInt.of(1380));
        assertThat(a.interfaces().get(1).mtu()).isEmpty();
    }
}
