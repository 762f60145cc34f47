package dev.wgform.desired;

import static dev.wgform.desired.States.allowed;
import static dev.wgform.desired.States.iface;
import static dev.wgform.desired.States.peer;
import static dev.wgform.desired.States.peerNames;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.model.Fleet;
import dev.wgform.model.SourceRef;
import dev.wgform.model.WorkstationPeer;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** An enrolled admin workstation: a road-warrior peer on the members it dials, and its own view of them. */
class WorkstationPeersTest {
    static final String WS_KEY = "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=";
    private static final PublicKeys KEYS = (host, plane) -> Optional.of(("" + host + "-" + plane + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
            .substring(0, 43) + "=");

    private static Fleet withWorkstation(Fleet f, String plane, String address) {
        return new Fleet(f.inventory(), f.playbook(), f.members(),
                List.of(new WorkstationPeer("admin", plane, TestFleets.ip(address), WS_KEY, SourceRef.of("inv.lock.yml"))));
    }

    private static TestFleets.Builder three() {
        return TestFleets.fleet()
                .host("a", "203.0.113.1", "core")
                .host("b", "203.0.113.2", "core")
                .host("home", h -> h.endpoint("198.51.100.9").groups("core").nat());
    }

    @Test
    void everyDialableMeshMemberGetsTheWorkstationWithoutEndpointKeepaliveOrPsk() {
        Fleet fleet = withWorkstation(three().plane("mgmt", p -> p.subnet("10.200.0.0/24").members("core").psk()).build(),
                "mgmt", "10.200.0.254");
        List<HostState> states = DesiredState.build(fleet, PublicKeys.none());

        WgInterface a = iface(states, "a", "mgmt");
        assertThat(peerNames(a)).containsExactly("b", "home", "admin");
        Peer ws = peer(a, "admin");
        assertThat(ws.key()).isEqualTo(new PeerKey.Known(WS_KEY));
        assertThat(allowed(ws)).containsExactly("10.200.0.254/32");
        assertThat(ws.endpoint()).isEmpty();
        assertThat(ws.keepalive()).isEmpty();
        assertThat(ws.pskPath()).as("no PSK on a plane with psk: true").isEmpty();
        assertThat(peer(a, "b").pskPath()).isPresent();
        assertThat(peerNames(iface(states, "b", "mgmt"))).contains("admin");
        assertThat(peerNames(iface(states, "home", "mgmt"))).as("behind NAT: the workstation cannot dial it").doesNotContain("admin");
    }

    @Test
    void theWorkstationDialsEveryMeshMemberWithAnEndpoint() {
        Fleet fleet = withWorkstation(three().plane("mgmt", p -> p.subnet("10.200.0.0/24").members("core").keepalive(15)).build(),
                "mgmt", "10.200.0.254");

        List<Peer> peers = DesiredState.workstationPeers(fleet, "mgmt", KEYS);

        assertThat(peers).extracting(Peer::host).containsExactly("a", "b");
        assertThat(allowed(peers.get(0))).containsExactly("10.200.0.1/32");
        assertThat(peers.get(0).endpoint()).contains("203.0.113.1:" + fleet.plane("mgmt").port());
        assertThat(peers.get(0).keepalive()).isEqualTo(OptionalInt.of(15));
        assertThat(peers.get(0).pskPath()).isEmpty();
        assertThat(peers.get(1).key()).isEqualTo(new PeerKey.Known(KEYS.of("b", "mgmt").orElseThrow()));
    }

    @Test
    void onAHubPlaneOnlyTheHubHasTheWorkstationAndRoutesTheWholeSubnetToIt() {
        Fleet fleet = withWorkstation(three().plane("roam", p -> p.subnet("10.210.0.0/24").port(443).relay("a").members("core")).build(),
                "roam", "10.210.0.254");
        List<HostState> states = DesiredState.build(fleet, PublicKeys.none());

        assertThat(peerNames(iface(states, "a", "roam"))).containsExactly("b", "home", "admin");
        assertThat(peerNames(iface(states, "b", "roam"))).containsExactly("a");

        List<Peer> mine = DesiredState.workstationPeers(fleet, "roam", PublicKeys.none());
        assertThat(mine).extracting(Peer::host).containsExactly("a");
        assertThat(allowed(mine.get(0))).containsExactly("10.210.0.0/24");
        assertThat(mine.get(0).endpoint()).contains("203.0.113.1:443");
        assertThat(mine.get(0).keepalive()).isEqualTo(OptionalInt.of(25));
        assertThat(mine.get(0).key()).isInstanceOf(PeerKey.Pending.class);
    }

    @Test
    void aWorkstationOfAnotherPlaneIsNoPeerHere() {
        Fleet fleet = withWorkstation(three()
                .plane("mgmt", p -> p.members("core"))
                .plane("data", p -> p.members("core")).build(), "data", "10.201.0.254");
        List<HostState> states = DesiredState.build(fleet, PublicKeys.none());

        assertThat(peerNames(iface(states, "a", "mgmt"))).doesNotContain("admin");
        assertThat(peerNames(iface(states, "a", "data"))).contains("admin");
    }
}
