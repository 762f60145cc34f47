package dev.wgform.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wgform.model.Cidr;
import dev.wgform.model.Host;
import dev.wgform.model.InvalidInputException;
import dev.wgform.model.Inventory;
import dev.wgform.model.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ansible YAML inventories load as Ansible reads them. */
class InventoryLoaderTest {
    private static final Path LOADING = Fixtures.ROOT.resolve("loading");

    private static Host host(Inventory inventory, String name) {
        return inventory.host(name).orElseThrow(() -> new AssertionError("no host " + name));
    }

    @Test
    void groupVariablesFollowAnsiblePrecedence() throws Exception {
        Inventory inv = InventoryLoader.load(LOADING.resolve("precedence.yml"));
        Host h1 = host(inv, "h1");
        assertThat(h1.vars()).containsEntry("level", "child")      // deeper group wins over parent and all
                .containsEntry("only_all", "a")
                .containsEntry("from_parent", "p")                  // inherited from the parent group
                .containsEntry("same_depth", "beta")                // same depth: alphabetical, later wins
                .containsEntry("prio", "low");                      // ansible_group_priority 10 beats zed's default 1
        assertThat(host(inv, "h2").vars()).containsEntry("level", "host"); // host vars win over every group
        assertThat(host(inv, "h3").vars()).containsEntry("twice", "second"); // host vars written twice: the later
    }

    @Test
    void nestedGroupsGiveHostsTheirAncestors() throws Exception {
        Inventory inv = InventoryLoader.load(LOADING.resolve("precedence.yml"));
        assertThat(inv.hosts()).extracting(Host::name).containsExactly("loner", "h1", "h2", "h3");
        assertThat(host(inv, "h1").groups()).containsExactly("all", "parent", "child", "alpha", "beta", "low", "zed");
        assertThat(host(inv, "h1").inGroup("parent")).isTrue();
        assertThat(inv.groups().get("parent")).containsExactly("h1", "h2");
        assertThat(inv.groups().get("all")).containsExactly("loner", "h1", "h2", "h3");
        assertThat(inv.groups().get("ungrouped")).containsExactly("loner");
        assertThat(host(inv, "loner").groups()).containsExactly("all", "ungrouped");
    }

    @Test
    void rangesAndPortsInHostKeys() throws Exception {
        Inventory inv = InventoryLoader.load(LOADING.resolve("hosts.yml"));
        assertThat(inv.groups().get("web")).containsExactly("web01", "web02", "web03");
        assertThat(inv.groups().get("nodes")).containsExactly("node-a.example.net", "node-b.example.net", "node-c.example.net");
        assertThat(host(inv, "web02").nat()).isTrue();
        assertThat(host(inv, "db1").sshPort()).isEqualTo(2222);
        assertThat(host(inv, "web01").sshPort()).isEqualTo(22);
    }

    @Test
    void hostVariablesMapOntoTheModel() throws Exception {
        Inventory inv = InventoryLoader.load(LOADING.resolve("hosts.yml"));
        Host db1 = host(inv, "db1");
        assertThat(db1.sshAddress()).isEqualTo("203.0.113.10");
        assertThat(db1.sshUser()).contains("root");
        assertThat(db1.sshPrivateKeyFile()).contains("~/.ssh/wgform");
        assertThat(db1.become()).isTrue();
        assertThat(db1.endpoint()).contains("203.0.113.10");   // ansible_host, as no wg_endpoint is set
        assertThat(db1.nat()).isFalse();
        assertThat(db1.planeAddresses().get("mgmt").getHostAddress()).isEqualTo("10.200.0.9");
        assertThat(db1.planeAddresses().get("data")).isEqualTo(Cidr.parseAddress("fd00:201::9").orElseThrow());
        assertThat(db1.lan()).containsExactly(Cidr.parse("192.168.10.0/24").orElseThrow(), Cidr.parse("192.168.11.0/24").orElseThrow());
        assertThat(db1.publicInterface()).isEqualTo("ens3");
        assertThat(db1.osFamily()).contains("redhat");
        assertThat(db1.sshVia()).contains("mgmt");
        assertThat(db1.groups()).containsExactly("all", "db");
        // other variables are kept for templates, as plain data
        assertThat(db1.vars()).containsEntry("ansible_python_interpreter", "/usr/bin/python3")
                .containsEntry("ansible_port", 2222L)
                .containsEntry("app_settings", Map.of("threads", 4L, "tags", List.of("a", "b")));
        assertThat(db1.source().file()).endsWith("hosts.yml");
        assertThat(db1.source().line()).isEqualTo(15);
    }

    @Test
    void defaultsAndNat() throws Exception {
        Inventory inv = InventoryLoader.load(LOADING.resolve("hosts.yml"));
        Host web = host(inv, "web01");
        assertThat(web.sshAddress()).isEqualTo("web01");          // no ansible_host: the name
        assertThat(web.endpoint()).isEmpty();                     // wg_nat: yes
        assertThat(web.publicInterface()).isEqualTo("eth0");
        assertThat(web.become()).isFalse();
        assertThat(web.osFamily()).isEmpty();
        assertThat(host(inv, "node-a.example.net").endpoint()).contains("node-a.example.net");
        Host db2 = host(inv, "db2");
        assertThat(db2.become()).isTrue();                        // ansible_become: 1, as Ansible reads it
        assertThat(db2.nat()).isTrue();
        assertThat(db2.endpoint()).contains("db2.example.net");   // an explicit endpoint even behind NAT (port forward)
    }

    @Test
    void directoryInventoryMergesFilesAndVarsDirectories() throws Exception {
        Inventory inv = InventoryLoader.load(LOADING.resolve("dir"));
        // files in sorted order, subdirectories too; the lock file and non-YAML files are not inventories
        assertThat(inv.hosts()).extracting(Host::name).containsExactly("web-1", "db-1", "web-2", "db-2");
        assertThat(inv.groups().get("web")).containsExactly("web-1", "web-2");
        Host web1 = host(inv, "web-1");
        assertThat(web1.vars())
                .containsEntry("tone", "gv-all")    // group_vars/all beats inventory-file group vars (Ansible's order)
                .containsEntry("color", "gv-web")   // group_vars/web beats group_vars/all
                .containsEntry("shade", "file-host") // inventory-file host vars beat group_vars
                .containsEntry("size", "hv-web-1"); // host_vars beat inventory-file host vars
        Host db1 = host(inv, "db-1");
        assertThat(db1.osFamily()).contains("debian");                    // group_vars/db/ directory
        assertThat(db1.vars()).containsEntry("role", "db-override");      // its files in sorted order
        assertThat(db1.publicInterface()).isEqualTo("ens5");              // host_vars/db-1/ directory
        assertThat(host(inv, "db-2").osFamily()).contains("debian");
    }

    @Test
    void varsDirectoriesBesideAnInventoryFileAreReadAndChecked() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> InventoryLoader.load(LOADING.resolve("beside/inventory.yml")));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(Path.of(p.where().file())).isEqualTo(LOADING.resolve("beside/host_vars/web-1"));
            assertThat(p.where().line()).isEqualTo(1);
            assertThat(p.key()).isEqualTo("wg_adresses");
            assertThat(p.message()).contains("did you mean 'wg_addresses'?");
        });
    }

    @Test
    void groupVarsBesideAnInventoryFileApply() throws Exception {
        Problems problems = new Problems();
        LoadedInventory loaded = InventoryLoader.read(LOADING.resolve("beside/inventory.yml"), problems);
        assertThat(host(loaded.inventory(), "web-1").publicInterface()).isEqualTo("ens4");
        assertThat(loaded.where(host(loaded.inventory(), "web-1"), "wg_public_interface").file())
                .endsWith("group_vars/web.yaml");
    }

    @Test
    void aGroupLoopIsAProblemAndTheRestStillLoads() {
        Problems problems = new Problems();
        LoadedInventory loaded = InventoryLoader.read(Fixtures.validation("group-loop.inventory.yml"), problems);
        assertThat(problems.all()).singleElement().extracting(Problem::message).asString().contains("core -> web -> core");
        assertThat(loaded.inventory().groups().get("core")).containsExactly("web-1");
        assertThat(host(loaded.inventory(), "web-1").groups()).containsExactly("all", "core", "web");
    }

    @Test
    void lockFileSitsBesideTheInventory() {
        assertThat(InventoryFiles.lockPath(Path.of("inventories/x.yml"))).isEqualTo(Path.of("inventories/x.lock.yml"));
        assertThat(InventoryFiles.lockPath(Path.of("inventories/x.yaml"))).isEqualTo(Path.of("inventories/x.lock.yml"));
        assertThat(InventoryFiles.lockPath(Path.of("hosts"))).isEqualTo(Path.of("hosts.lock.yml"));
        assertThat(InventoryFiles.lockPath(LOADING.resolve("dir"))).isEqualTo(LOADING.resolve("dir/wgform.lock.yml"));
    }
}
