package dev.wgform.desired;

import static dev.wgform.desired.States.iface;
import static dev.wgform.desired.States.peer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.model.Fleet;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class NatKeepaliveTest {
    private static Fleet meshWithHome(int keepalive) {
        return TestFleets.fleet()
                .host("node-a", "203.0.113.10", "core")
                .host("node-b", "203.0.113.20", "core")
                .host("home", h -> h.endpoint("10.0.0.5").nat().groups("core"))
                .plane("mgmt", p -> {
                    p.members("core");
                    if (keepalive > 0) p.keepalive(keepalive);
                })
                .build();
    }

    @Test
    void theHostBehindNatKeepsItsPathsOpenAndHasNoEndpoint() {
        List<HostState> states = DesiredState.build(meshWithHome(0), PublicKeys.none());

        WgInterface home = iface(states, "home", "mgmt");
        assertThat(home.peers()).allSatisfy(p -> assertThat(p.keepalive()).isEqualTo(OptionalInt.of(25)));
        assertThat(home.peers()).allSatisfy(p -> assertThat(p.endpoint()).isPresent());
        assertThat(home.listenPort()).as("a NAT'd host still listens; peers learn its address from its handshakes").isPresent();

        Peer homeSeenByA = peer(iface(states, "node-a", "mgmt"), "home");
        assertThat(homeSeenByA.endpoint()).isEmpty();
        assertThat(homeSeenByA.keepalive()).isEmpty();
        assertThat(peer(iface(states, "node-a", "mgmt"), "node-b").keepalive()).isEmpty();
    }

    @Test
    void thePlanesKeepaliveIsUsedWhereOneIsNeeded() {
        List<HostState> states = DesiredState.build(meshWithHome(10), PublicKeys.none());

        assertThat(peer(iface(states, "home", "mgmt"), "node-a").keepalive()).isEqualTo(OptionalInt.of(10));
        assertThat(peer(iface(states, "node-a", "mgmt"), "node-b").keepalive()).as("not needed between reachable hosts").isEmpty();
    }
}
