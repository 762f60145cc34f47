package dev.wgform.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouteCollisionsTest {
    // `ip -4 -o route show table all` on the VM the lab was built on: its uplink is 192.0.2.0/24
    private static final String VM = """
            default via 192.0.2.1 dev eth0\s
            192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.2\s
            local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1\s
            local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1\s
            broadcast 127.255.255.255 dev lo table local proto kernel scope link src 127.0.0.1\s
            local 192.0.2.2 dev eth0 table local proto kernel scope host src 192.0.2.2\s
            broadcast 192.0.2.255 dev eth0 table local proto kernel scope link src 192.0.2.2\s
            """;

    @Test
    void aMachineOnAnotherRangeIsFree() {
        assertThat(RouteCollisions.find(VM)).isEmpty();
        assertThat(RouteCollisions.find("")).isEmpty();
    }

    @Test
    void theLabsOwnBridgeRoutesAreNoCollision() {
        String up = VM + """
                198.51.100.0/24 dev wgl-br0 proto kernel scope link src 198.51.100.254\s
                local 198.51.100.254 dev wgl-br0 table local proto kernel scope host src 198.51.100.254\s
                broadcast 198.51.100.255 dev wgl-br0 table local proto kernel scope link src 198.51.100.255\s
                """;
        assertThat(RouteCollisions.find(up)).isEmpty();
    }

    @Test
    void anyRouteOverlappingTheRangeIsOne() {
        assertThat(RouteCollisions.find(VM + "198.51.100.0/24 dev eth1 proto kernel scope link src 198.51.100.9\n"))
                .containsExactly("198.51.100.0/24 dev eth1 proto kernel scope link src 198.51.100.9");
        // wider, narrower, a single host, a blackhole without a device, an address of the machine itself
        assertThat(RouteCollisions.find("198.51.0.0/16 via 192.0.2.1 dev eth0")).hasSize(1);
        assertThat(RouteCollisions.find("198.51.100.128/25 dev tun0 scope link")).hasSize(1);
        assertThat(RouteCollisions.find("198.51.100.7 via 192.0.2.1 dev eth0")).hasSize(1);
        assertThat(RouteCollisions.find("blackhole 198.51.100.0/24 proto static")).hasSize(1);
        assertThat(RouteCollisions.find("local 198.51.100.3 dev eth0 table local proto kernel scope host src 198.51.100.3")).hasSize(1);
    }

    @Test
    void neighboursAndTheDefaultRouteAreNot() {
        assertThat(RouteCollisions.find("198.51.101.0/24 dev eth1\n198.51.99.0/24 dev eth1\n198.51.100.0/25 dev wgl-br0\n"
                + "0.0.0.0/0 via 192.0.2.1 dev eth0\ndefault via 10.0.0.1 dev eth2 table 100")).isEmpty();
    }

    @Test
    void prefixesParseStrictly() {
        assertThat(RouteCollisions.parsePrefix("198.51.100.0/24")).hasValueSatisfying(p -> assertThat(p[1]).isEqualTo(24));
        assertThat(RouteCollisions.parsePrefix("198.51.100.300")).isEmpty();
        assertThat(RouteCollisions.parsePrefix("198.51.100.0/33")).isEmpty();
        assertThat(RouteCollisions.parsePrefix("fd00::/64")).isEmpty();
        assertThat(RouteCollisions.parsePrefix("default")).isEmpty();
    }
}
