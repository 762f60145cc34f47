package dev.wgform.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.inventory.FleetLoader;
import dev.wgform.inventory.LoadedFleet;
import dev.wgform.model.Host;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LabInventoryTest {
    private static final Path PLAYBOOK = Path.of("playbooks", "four-plane.yml");

    @TempDir
    Path workspace;

    private LoadedFleet load(LabSpec spec) throws Exception {
        LabFiles files = new LabFiles(workspace);
        Files.createDirectories(files.inventory().getParent());
        Files.writeString(files.inventory(), LabInventory.yaml(spec, files.identity()));
        return FleetLoader.load(files.inventory(), PLAYBOOK);
    }

    static IntStream sizes() {
        return IntStream.concat(IntStream.rangeClosed(1, 16), IntStream.of(LabNetwork.MAX_HOSTS));
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void loadsCleanWithTheFourPlanePlaybook(int n) throws Exception {
        LoadedFleet loaded = load(new LabSpec(n, 0));

        List<Host> hosts = loaded.fleet().inventory().hosts();
        assertThat(hosts).extracting(Host::name)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, n).mapToObj(i -> "lab-" + i).collect(Collectors.toList()));
        for (Host h : hosts) {
            int i = Integer.parseInt(h.name().substring(4));
            assertThat(h.sshAddress()).isEqualTo("198.51.100." + i);
            assertThat(h.sshUser()).contains("root");
            assertThat(h.sshPrivateKeyFile()).contains(new LabFiles(workspace).identity().toString());
            assertThat(h.publicInterface()).isEqualTo("eth0");
            assertThat(h.inGroup("core")).isTrue();
        }
        // host N is .N on every plane, whatever the allocator would have chosen
        Map<String, Map<String, InetAddress>> members = loaded.fleet().members();
        assertThat(members).containsOnlyKeys("mgmt", "data", "monitor", "app");
        for (Map.Entry<String, Map<String, InetAddress>> plane : members.entrySet()) {
            String prefix = LabHost.PLANE_PREFIXES.get(plane.getKey());
            assertThat(plane.getValue()).hasSize(n);
            plane.getValue().forEach((host, address) ->
                    assertThat(address.getHostAddress()).isEqualTo(prefix + host.substring(4)));
        }
    }

    @Test
    void rolesFollowTheHostNumbers() throws Exception {
        Map<String, List<String>> groups = groupsOf(load(new LabSpec(5, 0)));
        assertThat(groups.get("lab-1")).contains("db").doesNotContain("monitoring", "web");
        assertThat(groups.get("lab-2")).contains("monitoring").doesNotContain("db", "web");
        for (String web : List.of("lab-3", "lab-4", "lab-5")) assertThat(groups.get(web)).contains("web").doesNotContain("db", "monitoring");
    }

    @Test
    void oneOrTwoHostsStillFillEveryGroupThePlaybookNames() throws Exception {
        assertThat(groupsOf(load(new LabSpec(1, 0))).get("lab-1")).contains("core", "db", "monitoring", "web");
        Map<String, List<String>> two = groupsOf(load(new LabSpec(2, 0)));
        assertThat(two.get("lab-1")).contains("db").doesNotContain("monitoring", "web");
        assertThat(two.get("lab-2")).contains("monitoring", "web").doesNotContain("db");
    }

    @Test
    void saysWhereItComesFromAndMarksRhelHosts() {
        String yaml = LabInventory.yaml(new LabSpec(4, 2), workspace.resolve(".wgform/lab/id_ed25519"));
        assertThat(yaml).startsWith(LabInventory.HEADER + " (4 hosts, 2 RHEL family): do not edit or commit it");
        assertThat(yaml.lines().filter(l -> l.contains("RHEL family (os-release")).map(String::strip))
                .hasSize(2).allMatch(l -> l.startsWith("lab-3:") || l.startsWith("lab-4:"));
    }

    @Test
    void identityPathIsQuotedSoAnyDirectoryNameIsSafe() throws Exception {
        Path odd = Files.createDirectories(workspace.resolve("a \"quoted\" dir: #1"));
        String yaml = LabInventory.yaml(new LabSpec(1, 0), odd.resolve(".wgform/lab/id_ed25519"));
        Path inventory = Files.createDirectories(workspace.resolve("inventories")).resolve("lab.yml");
        Files.writeString(inventory, yaml);
        Host h = FleetLoader.load(inventory, PLAYBOOK).fleet().inventory().hosts().get(0);
        assertThat(h.sshPrivateKeyFile()).contains(odd.resolve(".wgform/lab/id_ed25519").toString());
    }

    private static Map<String, List<String>> groupsOf(LoadedFleet loaded) {
        return loaded.fleet().inventory().hosts().stream().collect(Collectors.toMap(Host::name, Host::groups));
    }
}
