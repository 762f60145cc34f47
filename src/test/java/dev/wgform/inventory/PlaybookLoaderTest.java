package dev.wgform.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wgform.model.FirewallSettings;
import dev.wgform.model.InvalidInputException;
import dev.wgform.model.Inventory;
import dev.wgform.model.Plane;
import dev.wgform.model.Playbook;
import dev.wgform.model.PortRule;
import dev.wgform.model.ServiceBinding;
import dev.wgform.model.ServiceKind;
import dev.wgform.model.Topology;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Playbook defaults, synonyms and the values they give the model. */
class PlaybookLoaderTest {
    @TempDir
    Path dir;

    private Playbook load(String yaml) throws Exception {
        Inventory inventory = InventoryLoader.load(Fixtures.validation("base.inventory.yml"));
        return PlaybookLoader.load(Fixtures.write(dir, "playbook.yml", yaml), inventory);
    }

    @Test
    void defaults() throws Exception {
        Playbook pb = load("planes:\n  mgmt: { subnet: 10.200.0.0/24, port: 51820, members: [core] }\n");
        Plane mgmt = pb.planes().get("mgmt");
        assertThat(mgmt.interfaceName()).isEqualTo("wg-mgmt");
        assertThat(mgmt.topology()).isEqualTo(Topology.MESH);
        assertThat(mgmt.hub()).isEmpty();
        assertThat(mgmt.keepalive()).isEmpty();
        assertThat(mgmt.mtu()).isEmpty();
        assertThat(mgmt.psk()).isFalse();
        assertThat(mgmt.stealth()).isFalse();
        assertThat(mgmt.lanRoutes()).isFalse();
        assertThat(mgmt.clients().members()).isEmpty();
        assertThat(mgmt.source().line()).isEqualTo(2);
        assertThat(pb.firewall()).isEqualTo(FirewallSettings.defaults());
        assertThat(pb.firewall().keepPublicSsh()).isTrue();
        assertThat(pb.staleAfter()).isEqualTo(Duration.ofSeconds(180));
        assertThat(pb.keyMaxAge()).isEmpty();
        assertThat(pb.services()).isEmpty();
    }

    @Test
    void everyPlaneSetting() throws Exception {
        Playbook pb = load("""
                planes:
                  roam:
                    interface: wg-r
                    subnet: 10.210.0.0/24
                    port: 443
                    topology: hub
                    hub: web-1
                    members: [core, laptops]
                    keepalive: 25
                    mtu: 1380
                    psk: yes
                    stealth: true
                    lan_routes: false
                    clients: { members: [laptops], full_tunnel: true, dns: [1.1.1.1, "2606:4700:4700::1111"] }
                key_max_age: 90d
                stale_after: 5m
                """);
        Plane roam = pb.planes().get("roam");
        assertThat(roam.interfaceName()).isEqualTo("wg-r");
        assertThat(roam.subnet().toString()).isEqualTo("10.210.0.0/24");
        assertThat(roam.port()).isEqualTo(443);
        assertThat(roam.topology()).isEqualTo(Topology.HUB);
        assertThat(roam.hub()).contains("web-1");
        assertThat(roam.members()).containsExactly("core", "laptops");
        assertThat(roam.keepalive()).hasValue(25);
        assertThat(roam.mtu()).hasValue(1380);
        assertThat(roam.psk()).isTrue();
        assertThat(roam.stealth()).isTrue();
        assertThat(roam.clients().members()).containsExactly("laptops");
        assertThat(roam.clients().fullTunnel()).isTrue();
        assertThat(roam.clients().dns()).containsExactly("1.1.1.1", "2606:4700:4700::1111");
        assertThat(pb.keyMaxAge()).contains(Duration.ofDays(90));
        assertThat(pb.staleAfter()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void relayKeyImpliesRelayTopologyAndHubKeyImpliesHub() throws Exception {
        Playbook pb = load("""
                planes:
                  sites: { subnet: 10.225.0.0/24, port: 51845, relay: web-1, members: [core, laptops] }
                  roam: { subnet: 10.210.0.0/24, port: 51821, hub: web-2, members: [core, laptops] }
                """);
        assertThat(pb.planes().get("sites").topology()).isEqualTo(Topology.RELAY);
        assertThat(pb.planes().get("sites").hub()).contains("web-1");
        assertThat(pb.planes().get("roam").topology()).isEqualTo(Topology.HUB);
    }

    @Test
    void aHubOnAMeshIsAProblem() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> load("""
                planes:
                  mgmt: { subnet: 10.200.0.0/24, port: 51820, topology: mesh, hub: web-1, members: [core] }
                """));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("planes.mgmt.hub");
            assertThat(p.message()).contains("a mesh has no hub");
        });
    }

    @Test
    void servicesAndTheirDefaultPorts() throws Exception {
        Playbook pb = load("""
                planes:
                  mgmt: { subnet: 10.200.0.0/24, port: 51820, members: [core] }
                services:
                  sshd: { plane: mgmt }
                  postgresql: { plane: mgmt, hosts: [db] }
                  prometheus: { plane: mgmt, hosts: [db] }
                  node_exporter: { plane: mgmt }
                  nginx: { plane: mgmt, hosts: [web] }
                  myapp:
                    plane: mgmt
                    port: 8000
                    hosts: [web-1]
                    template: myapp.conf.ftl
                    destination: /etc/myapp/listen.conf
                    validate: myapp --check
                    reload: systemctl reload myapp
                """);
        assertThat(pb.services()).extracting(ServiceBinding::kind).containsExactly(ServiceKind.SSHD, ServiceKind.POSTGRESQL,
                ServiceKind.PROMETHEUS, ServiceKind.NODE_EXPORTER, ServiceKind.NGINX, ServiceKind.CUSTOM);
        assertThat(pb.services()).extracting(s -> s.port().isPresent() ? s.port().getAsInt() : 0)
                .containsExactly(0, 0, 9090, 9100, 80, 8000);
        assertThat(pb.services().get(0).hosts()).isEmpty(); // every member of the plane
        ServiceBinding myapp = pb.services().get(5);
        assertThat(myapp.custom().orElseThrow().destination()).isEqualTo("/etc/myapp/listen.conf");
        assertThat(myapp.custom().orElseThrow().validate()).contains("myapp --check");
        assertThat(myapp.custom().orElseThrow().reload()).contains("systemctl reload myapp");
    }

    @Test
    void firewallSettings() throws Exception {
        Playbook pb = load("""
                planes:
                  mgmt: { subnet: 10.200.0.0/24, port: 51820, members: [core] }
                firewall:
                  backend: NFTables
                  policy: stealth
                  allow_public: [tcp/443, UDP/53]
                  keep_public_ssh: false
                """);
        assertThat(pb.firewall()).isEqualTo(new FirewallSettings(FirewallSettings.Backend.NFTABLES,
                FirewallSettings.Policy.STEALTH, java.util.List.of(new PortRule("tcp", 443), new PortRule("udp", 53)), false));
    }
}
