package dev.wgform.inventory;

import dev.wgform.model.AddressText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.model.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Addresses are allocated once and then stay put, through the lock file beside the inventory. */
class AllocationTest {
    private static final String PLAYBOOK = """
            planes:
              mgmt: { subnet: 10.200.0.0/24, port: 51820, members: [core] }
              data: { subnet: 10.201.0.0/29, port: 51821, members: [db] }
            """;

    @TempDir
    Path dir;
    private Path inventory;
    private Path playbook;

    @BeforeEach
    void files() throws Exception {
        inventory = dir.resolve("inventories/fleet.yml");
        playbook = Fixtures.write(dir, "playbook.yml", PLAYBOOK);
    }

    private void inventory(String... hosts) throws Exception {
        StringBuilder y = new StringBuilder("all:\n  children:\n    core:\n      children:\n        db:\n          hosts:\n");
        for (String h : hosts) y.append("            ").append(h).append(h.contains("{") ? "\n" : ":\n");
        Fixtures.write(dir, "inventories/fleet.yml", y.toString());
    }

    private LoadedFleet load() throws Exception {
        return FleetLoader.load(inventory, playbook);
    }

    private static Map<String, String> addresses(LoadedFleet fleet, String plane) {
        Map<String, String> out = new LinkedHashMap<>();
        fleet.fleet().members().get(plane).forEach((h, a) -> out.put(h, a.getHostAddress()));
        return out;
    }

    @Test
    void newMembersGetTheLowestFreeAddressesInInventoryOrder() throws Exception {
        inventory("c", "a", "b");
        LoadedFleet fleet = load();
        assertThat(addresses(fleet, "mgmt")).containsExactly(
                Map.entry("c", "10.200.0.1"), Map.entry("a", "10.200.0.2"), Map.entry("b", "10.200.0.3"));
        assertThat(fleet.lockChanged()).isTrue();
        assertThat(fleet.lockPath()).isEqualTo(dir.resolve("inventories/fleet.lock.yml"));
    }

    @Test
    void loadingDoesNotWriteTheLock() throws Exception {
        inventory("a", "b");
        load();
        assertThat(dir.resolve("inventories/fleet.lock.yml")).doesNotExist();
    }

    @Test
    void addingAHostInTheMiddleRenumbersNobody() throws Exception {
        inventory("a", "b", "c");
        load().saveLockIfChanged();
        inventory("a", "new", "b", "c");
        LoadedFleet fleet = load();
        assertThat(addresses(fleet, "mgmt")).containsExactly(
                Map.entry("a", "10.200.0.1"), Map.entry("new", "10.200.0.4"),
                Map.entry("b", "10.200.0.2"), Map.entry("c", "10.200.0.3"));
        assertThat(fleet.lockChanged()).isTrue();
    }

    @Test
    void removingAHostKeepsTheOthersAndDropsItFromTheLock() throws Exception {
        inventory("a", "b", "c");
        load().saveLockIfChanged();
        inventory("a", "c");
        LoadedFleet fleet = load();
        assertThat(addresses(fleet, "mgmt")).containsExactly(Map.entry("a", "10.200.0.1"), Map.entry("c", "10.200.0.3"));
        assertThat(fleet.lock().address("mgmt", "b")).isEmpty();
        fleet.saveLockIfChanged();
        assertThat(Files.readString(fleet.lockPath())).doesNotContain("b:");
        // a later host takes the freed address: the lowest free one
        inventory("a", "c", "d");
        assertThat(addresses(load(), "mgmt")).containsEntry("d", "10.200.0.2");
    }

    @Test
    void anUnchangedFleetLeavesTheLockAlone() throws Exception {
        inventory("a", "b");
        load().saveLockIfChanged();
        LoadedFleet again = load();
        assertThat(again.lockChanged()).isFalse();
    }

    @Test
    void explicitAddressesWinOverTheLockAndTheLockKeepsThem() throws Exception {
        inventory("a", "b");
        load().saveLockIfChanged(); // a=.1, b=.2
        inventory("a", "b: { wg_addresses: { mgmt: 10.200.0.1 } }");
        LoadedFleet fleet = load();
        // b claims .1 explicitly; a's locked .1 is taken, so a moves to the lowest free address
        assertThat(addresses(fleet, "mgmt")).containsExactly(Map.entry("a", "10.200.0.2"), Map.entry("b", "10.200.0.1"));
        fleet.saveLockIfChanged();
        inventory("a", "b");     // the explicit entry is removed: b keeps .1 through the lock
        assertThat(addresses(load(), "mgmt")).containsExactly(Map.entry("a", "10.200.0.2"), Map.entry("b", "10.200.0.1"));
        assertThat(load().lockChanged()).isFalse();
    }

    @Test
    void lockEntriesOutsideANewSubnetAreReallocated() throws Exception {
        inventory("a", "b");
        load().saveLockIfChanged();
        Fixtures.write(dir, "playbook.yml", PLAYBOOK.replace("10.200.0.0/24", "10.100.0.0/24"));
        LoadedFleet fleet = load();
        assertThat(addresses(fleet, "mgmt")).containsExactly(Map.entry("a", "10.100.0.1"), Map.entry("b", "10.100.0.2"));
        assertThat(fleet.lockChanged()).isTrue();
    }

    @Test
    void aPlaneRemovedFromThePlaybookLeavesTheLock() throws Exception {
        inventory("a");
        load().saveLockIfChanged();
        Fixtures.write(dir, "playbook.yml", "planes:\n  mgmt: { subnet: 10.200.0.0/24, port: 51820, members: [core] }\n");
        LoadedFleet fleet = load();
        assertThat(fleet.lockChanged()).isTrue();
        assertThat(fleet.lock().addresses()).containsOnlyKeys("mgmt");
    }

    @Test
    void aFullSubnetIsAProblemAtTheSubnet() throws Exception {
        inventory("a", "b", "c", "d", "e", "f", "g"); // data is a /29: six host addresses
        List<Problem> problems = Fixtures.problems(inventory, playbook);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.where().file()).endsWith("playbook.yml");
            assertThat(p.where().line()).isEqualTo(3);
            assertThat(p.key()).isEqualTo("planes.data.subnet");
            assertThat(p.message()).isEqualTo("subnet 10.201.0.0/29 of plane data has no free address left for g; use a larger subnet");
        });
    }

    @Test
    void savingWritesTheLockAtomicallyAndReadably() throws Exception {
        inventory("db-1", "web-1");
        LoadedFleet fleet = load();
        fleet.saveLockIfChanged();
        assertThat(Files.readString(fleet.lockPath())).isEqualTo("""
                # wgform address allocations: the address each host has on each plane.
                # Written by wgform so addresses stay stable from run to run; commit it with the inventory.
                # Explicit wg_addresses in the inventory take precedence over this file.
                version: 1
                addresses:
                  data:
                    db-1: 10.201.0.1
                    web-1: 10.201.0.2
                  mgmt:
                    db-1: 10.200.0.1
                    web-1: 10.200.0.2
                """);
        try (var files = Files.list(fleet.lockPath().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("fleet.yml", "fleet.lock.yml");
        }
        assertThat(Files.getPosixFilePermissions(fleet.lockPath()).toString()).contains("OTHERS_READ");
    }

    @Test
    void aDirectoryInventoryKeepsItsLockInside() throws Exception {
        Fixtures.write(dir, "inv/hosts.yml", "all:\n  children:\n    core:\n      hosts:\n        a:\n");
        LoadedFleet fleet = FleetLoader.load(dir.resolve("inv"), Fixtures.write(dir, "pb.yml",
                "planes:\n  mgmt: { subnet: 10.200.0.0/24, port: 51820, members: [core] }\n"));
        assertThat(fleet.lockPath()).isEqualTo(dir.resolve("inv/wgform.lock.yml"));
        fleet.saveLockIfChanged();
        // the lock file in the directory is not read as an inventory next time
        assertThat(FleetLoader.load(dir.resolve("inv"), dir.resolve("pb.yml")).lockChanged()).isFalse();
    }

    @Test
    void ipv6PlanesAllocateToo() throws Exception {
        inventory("a", "b");
        Fixtures.write(dir, "playbook.yml", "planes:\n  v6: { subnet: \"fd00:200::/64\", port: 51820, members: [core] }\n");
        LoadedFleet fleet = load();
        assertThat(fleet.fleet().address("v6", "a").map(AddressText::of)).contains("fd00:200::1");
        assertThat(fleet.lock().toYaml()).contains("    a: \"fd00:200::1\"\n");
    }

    @Test
    void aBrokenLockFileIsAProblemWithItsLine() throws Exception {
        inventory("a");
        Fixtures.write(dir, "inventories/fleet.lock.yml", "version: 1\naddresses:\n  mgmt:\n    a: 10.200.0.999\n");
        List<Problem> problems = Fixtures.problems(inventory, playbook);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.where().file()).endsWith("fleet.lock.yml");
            assertThat(p.where().line()).isEqualTo(4);
            assertThat(p.key()).isEqualTo("addresses.mgmt.a");
            assertThat(p.message()).contains("'10.200.0.999' is not an IP address");
        });
    }
}
