package dev.wgform.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The live peers read from many hosts' dumps share what every host reports alike. */
class WgDumpTest {
    private static final String PEER_KEY = "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=";

    private static LivePeer onlyPeer(String iface, String endpoint) {
        List<String> dump = List.of(
                iface + "\t(hidden)\tHIBgOCKrJ0UHjXpcJ0Zfd5eGk2xLrrjHwJcQaTOcq2U=\t51820\toff",
                iface + "\t" + PEER_KEY + "\t(hidden)\t" + endpoint + "\t10.200.0.2/32,10.9.0.0/24\t1700000000\t10\t20\t25");
        return WgDump.parse(dump).get(iface).peers().get(0);
    }

    @Test
    void aPeerSeenFromTwoHostsSharesItsKeyEndpointAndRoutes() {
        LivePeer fromA = onlyPeer("wg-mgmt", new String("192.0.2.2:51820"));
        LivePeer fromB = onlyPeer("wg-mgmt", new String("192.0.2.2:51820"));
        assertThat(fromA).isEqualTo(fromB);
        assertThat(fromB.publicKey()).isSameAs(fromA.publicKey());
        assertThat(fromB.endpoint()).isSameAs(fromA.endpoint());
        assertThat(fromB.allowedIps()).isSameAs(fromA.allowedIps()).containsExactly("10.200.0.2/32", "10.9.0.0/24");
        assertThat(fromA.hasPsk()).isTrue();
        assertThat(fromA.keepalive()).hasValue(25);
    }

    @Test
    void anInternerThatIsFullStartsOverAndStillAnswersRight() {
        Interner<String, String> interner = new Interner<>(2);
        String one = interner.get("1", k -> new String("one"));
        assertThat(interner.get("1", k -> "other")).isSameAs(one);
        interner.get("2", k -> "two");
        assertThat(interner.get("3", k -> "three")).isEqualTo("three"); // full: forgets 1 and 2
        assertThat(interner.get("1", k -> "one again")).isEqualTo("one again");
    }
}
