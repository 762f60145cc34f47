package dev.wgform.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.desired.DesiredState;
import dev.wgform.desired.HostState;
import dev.wgform.desired.PublicKeys;
import dev.wgform.desired.TestFleets;
import dev.wgform.model.Fleet;
import dev.wgform.model.SourceRef;
import dev.wgform.model.WorkstationPeer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A host's wg-quick file with an enrolled workstation: a plain road-warrior [Peer], no PresharedKey even on a PSK plane. */
class WorkstationPeerRenderTest {
    static final String WS_KEY = "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=";

    @Test
    void theHostsFileHasTheWorkstationPeerWithoutPsk() throws Exception {
        Fleet f = TestFleets.fleet().host("a", "203.0.113.1", "core").host("b", "203.0.113.2", "core")
                .plane("mgmt", p -> p.subnet("10.200.0.0/24").members("core").psk()).build();
        Fleet fleet = new Fleet(f.inventory(), f.playbook(), f.members(),
                List.of(new WorkstationPeer("admin", "mgmt", TestFleets.ip("10.200.0.254"), WS_KEY, SourceRef.of("x.lock.yml"))));
        HostState a = DesiredState.build(fleet, PublicKeys.none()).get(0);

        String conf = new Renderer(Optional.empty()).render(a).stream()
                .filter(r -> r.path().equals("/etc/wireguard/wg-mgmt.conf")).findFirst().orElseThrow().content();

        String wsPeer = conf.substring(conf.indexOf("# admin"));
        assertThat(wsPeer).isEqualTo("# admin\nPublicKey = " + WS_KEY + "\nAllowedIPs = 10.200.0.254/32\n");
        assertThat(conf.substring(conf.indexOf("# b"), conf.indexOf("# admin"))).contains("PresharedKey");
    }
}
