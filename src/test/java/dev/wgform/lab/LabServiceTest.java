package dev.wgform.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything the service refuses before it touches the system (no root needed: the machine is described). */
class LabServiceTest {
    @TempDir
    Path workspace;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private LabService on(Machine machine) {
        return new LabService(new LabFiles(workspace), new PrintWriter(out), new PrintWriter(err), machine);
    }

    @Test
    void notRootOrNotLinuxIsRefusedForEverySubcommandAndNothingRuns() {
        LabService user = on(new Machine("Linux", OptionalInt.of(1000), Optional.empty()));
        assertThatThrownBy(() -> user.up(3, 0)).isInstanceOf(LabException.class).hasMessageContaining("needs root");
        assertThatThrownBy(user::down).isInstanceOf(LabException.class).hasMessageContaining("needs root");
        assertThatThrownBy(user::status).isInstanceOf(LabException.class).hasMessageContaining("needs root");
        LabService mac = on(new Machine("Mac OS X", OptionalInt.of(0), Optional.empty()));
        assertThatThrownBy(() -> mac.up(3, 0)).hasMessageContaining("needs Linux");
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEmpty();
        assertThat(workspace).isEmptyDirectory();
    }

    @Test
    void badNumbersAreRefusedBeforeAnythingElse() {
        LabService root = on(new Machine("Linux", OptionalInt.of(0), Optional.empty()));
        assertThatThrownBy(() -> root.up(0, 0)).isInstanceOf(LabException.class).hasMessage("the lab has 1 to 32 hosts, not 0");
        assertThatThrownBy(() -> root.up(33, 0)).hasMessage("the lab has 1 to 32 hosts, not 33");
        assertThatThrownBy(() -> root.up(2, 3)).hasMessage("--rhel must be between 0 and the number of hosts (2), not 3");
        assertThat(workspace).isEmptyDirectory();
    }

    @Test
    void aRangeInUseIsRefusedWithTheRoutesInTheWay() {
        assertThatThrownBy(() -> LabService.requireFreeRange("default via 192.0.2.1 dev eth0\n198.51.100.0/24 dev eth1 scope link\n"))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("198.51.100.0/24 is already routed on this machine")
                .hasMessageContaining("nothing was changed")
                .hasMessageEndingWith("\n  198.51.100.0/24 dev eth1 scope link");
    }

    @Test
    void theScriptShipsInTheJar() {
        assertThat(LabScript.class.getResource(LabScript.RESOURCE)).isNotNull();
    }

    @Test
    void filesLiveUnderTheWorkspace() {
        LabFiles files = new LabFiles(workspace);
        assertThat(files.inventory()).isEqualTo(workspace.resolve("inventories/lab.yml"));
        assertThat(files.lock()).isEqualTo(workspace.resolve("inventories/lab.lock.yml"));
        assertThat(files.identity()).isEqualTo(workspace.resolve(".wgform/lab/id_ed25519"));
        assertThat(files.knownHosts()).isEqualTo(workspace.resolve(".wgform/lab/known_hosts"));
    }
}
