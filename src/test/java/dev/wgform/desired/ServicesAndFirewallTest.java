package dev.wgform.desired;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.model.FirewallSettings.Backend;
import dev.wgform.model.FirewallSettings.Policy;
import dev.wgform.model.Fleet;
import dev.wgform.model.ServiceKind;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ServicesAndFirewallTest {
    private static TestFleets.Builder fleet() {
        return TestFleets.fleet()
                .host("node-a", h -> h.endpoint("203.0.113.10").groups("core", "web").sshPort(2222))
                .host("db", h -> h.endpoint("203.0.113.20").groups("core").os("redhat").var("wg_postgresql_version", 16))
                .plane("mgmt", p -> p.subnet("10.200.0.0/24").port(51820).members("core"))
                .plane("data", p -> p.subnet("10.201.0.0/24").port(51821).members("core"))
                .plane("roam", p -> p.subnet("10.210.0.0/24").port(443).hub("node-a").members("core").stealth());
    }

    @Test
    void bindingsApplyToTheirHostsWithDefaultPortsAndDestinations() {
        Fleet f = fleet()
                .service("sshd", ServiceKind.SSHD, "mgmt", 0)
                .service("postgresql", ServiceKind.POSTGRESQL, "data", 0, "db")
                .service("nginx", ServiceKind.NGINX, "data", 0, "web")
                .service("prometheus", ServiceKind.PROMETHEUS, "mgmt", 0, "node-a")
                .service("node_exporter", ServiceKind.NODE_EXPORTER, "mgmt", 9200)
                .customService("app", "data", 7000, "app.conf.ftl", "/etc/app/listen.conf", "db")
                .firewall(Backend.AUTO, Policy.STEALTH, false)
                .build();
        List<HostState> states = DesiredState.build(f, PublicKeys.none());

        HostState a = States.host(states, "node-a");
        assertThat(a.services()).extracting(ServiceState::name).containsExactly("sshd", "nginx", "prometheus", "node_exporter");
        assertThat(a.services()).extracting(ServiceState::port)
                .containsExactly(OptionalInt.empty(), OptionalInt.of(80), OptionalInt.of(9090), OptionalInt.of(9200));
        assertThat(a.services().get(1).address()).isEqualTo(TestFleets.ip("10.201.0.1"));
        assertThat(a.services()).extracting(ServiceState::destination).containsExactly(
                "/etc/ssh/sshd_config.d/wgform.conf", "/etc/nginx/wgform-listen.conf",
                "/etc/default/prometheus", "/etc/default/prometheus-node-exporter");

        HostState db = States.host(states, "db");
        assertThat(db.services()).extracting(ServiceState::destination).containsExactly(
                "/etc/ssh/sshd_config.d/wgform.conf", "/etc/postgresql/16/main/conf.d/wgform.conf",
                "/etc/default/prometheus-node-exporter", "/etc/app/listen.conf");
        assertThat(db.services().get(3).custom()).isPresent();
    }

    @Test
    void sshdKeepsListeningWhereWgformConnectsWhileKeepPublicSshIsSet() {
        Fleet keep = fleet().service("sshd", ServiceKind.SSHD, "mgmt", 0).firewall(Backend.AUTO, Policy.STEALTH, true).build();
        Fleet drop = fleet().service("sshd", ServiceKind.SSHD, "mgmt", 0).firewall(Backend.AUTO, Policy.STEALTH, false).build();

        assertThat(States.host(DesiredState.build(keep, PublicKeys.none()), "db").services().get(0).extraListenAddresses())
                .containsExactly("203.0.113.20");
        assertThat(States.host(DesiredState.build(drop, PublicKeys.none()), "db").services().get(0).extraListenAddresses()).isEmpty();
    }

    @Test
    void postgresqlVersionDefaultsTo15() {
        Fleet f = TestFleets.fleet().host("db", "203.0.113.20", "g").plane("data", p -> p.members("g"))
                .service("postgresql", ServiceKind.POSTGRESQL, "data", 0).build();

        assertThat(DesiredState.build(f, PublicKeys.none()).get(0).services().get(0).destination())
                .isEqualTo("/etc/postgresql/15/main/conf.d/wgform.conf");
    }

    @Test
    void theFirewallOpensTheWireguardPortsTheHostListensOn() {
        Fleet f = fleet().firewall(Backend.AUTO, Policy.STEALTH, true, "tcp/443").build();
        List<HostState> states = DesiredState.build(f, PublicKeys.none());

        FirewallState hub = States.host(states, "node-a").firewall();
        assertThat(hub.backend()).isEqualTo(Backend.NFTABLES);
        assertThat(hub.policy()).isEqualTo(Policy.STEALTH);
        assertThat(hub.publicInterface()).isEqualTo("eth0");
        assertThat(hub.wireguardPorts()).containsExactly(51820, 51821, 443);
        assertThat(hub.planeInterfaces()).containsExactly("wg-mgmt", "wg-data", "wg-roam");
        assertThat(hub.allowPublic()).extracting(Object::toString).containsExactly("tcp/443");
        assertThat(hub.keepPublicSsh()).isTrue();
        assertThat(hub.sshPort()).isEqualTo(2222);

        FirewallState db = States.host(states, "db").firewall();
        assertThat(db.backend()).as("auto on the RHEL family").isEqualTo(Backend.FIREWALLD);
        assertThat(db.wireguardPorts()).as("a stealth spoke does not listen on roam").containsExactly(51820, 51821);
    }

    @Test
    void anExplicitBackendWins() {
        Fleet f = fleet().firewall(Backend.NONE, Policy.OPEN, true).build();

        assertThat(DesiredState.build(f, PublicKeys.none())).allSatisfy(s -> assertThat(s.firewall().backend()).isEqualTo(Backend.NONE));
    }
}
