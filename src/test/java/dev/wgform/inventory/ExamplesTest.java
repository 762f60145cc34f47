package dev.wgform.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.wgform.model.Fleet;
import dev.wgform.model.InvalidInputException;
import dev.wgform.model.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every example inventory/playbook pair shipped in the repository loads without problems. */
class ExamplesTest {
    static Stream<String> examples() {
        return Stream.of("four-plane", "mesh-backplane", "hub-spoke", "relay-nat", "site-to-site", "full-tunnel", "stealth");
    }

    private static LoadedFleet load(String name) throws InvalidInputException {
        return FleetLoader.load(Path.of("inventories", name + ".yml"), Path.of("playbooks", name + ".yml"));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void loadsCleanlyWithItsCommittedLock(String name) throws Exception {
        assertThatCode(() -> load(name)).doesNotThrowAnyException();
        LoadedFleet loaded = load(name);
        assertThat(loaded.lockPath()).isEqualTo(Path.of("inventories", name + ".lock.yml"));
        assertThat(loaded.lockPath()).exists();
        assertThat(loaded.lockChanged()).as("committed lock file is up to date").isFalse();
        assertThat(Files.readString(loaded.lockPath())).isEqualTo(loaded.lock().toYaml());
        for (String plane : loaded.fleet().playbook().planes().keySet()) {
            assertThat(loaded.fleet().members().get(plane)).isNotEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void startsWithACommentSayingWhatItShows(String name) throws Exception {
        assertThat(Files.readString(Path.of("inventories", name + ".yml"))).startsWith("# " + name + ":");
        assertThat(Files.readString(Path.of("playbooks", name + ".yml"))).startsWith("# " + name + ":");
    }

    @Test
    void fourPlaneHasExplicitAndAllocatedAddresses() throws Exception {
        Fleet fleet = load("four-plane").fleet();
        assertThat(fleet.members().keySet()).containsExactly("mgmt", "data", "monitor", "app");
        assertThat(fleet.members().get("mgmt").keySet()).containsExactly("db-1", "mon-1", "web-1", "web-2");
        assertThat(fleet.address("mgmt", "db-1").orElseThrow().getHostAddress()).isEqualTo("10.200.0.10");
        assertThat(fleet.address("mgmt", "mon-1").orElseThrow().getHostAddress()).isEqualTo("10.200.0.1");
        assertThat(fleet.address("monitor", "db-1").orElseThrow().getHostAddress()).isEqualTo("10.202.0.1");
        assertThat(fleet.plane("mgmt").psk()).isTrue();
        assertThat(fleet.playbook().services()).extracting(s -> s.name())
                .containsExactly("sshd", "postgresql", "prometheus", "node_exporter", "nginx");
        assertThat(fleet.inventory().host("web-2").orElseThrow().osFamily()).contains("redhat");
    }

    @Test
    void topologiesAreAsDescribed() throws Exception {
        assertThat(load("hub-spoke").fleet().plane("roam").topology()).isEqualTo(Topology.HUB);
        assertThat(load("relay-nat").fleet().plane("sites").topology()).isEqualTo(Topology.RELAY);
        assertThat(load("relay-nat").fleet().plane("sites").hub()).contains("relay-1");
        assertThat(load("site-to-site").fleet().plane("s2s").lanRoutes()).isTrue();
        assertThat(load("full-tunnel").fleet().plane("vpn").clients().fullTunnel()).isTrue();
        assertThat(load("stealth").fleet().plane("edge").stealth()).isTrue();
        assertThat(load("hub-spoke").fleet().inventory().host("laptop-bob").orElseThrow().endpoint()).isEmpty();
    }
}
