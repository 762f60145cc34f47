package dev.wgform.transport;

import dev.wgform.model.Host;
import dev.wgform.model.SourceRef;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SshTargetTest {
    @Test
    void anInventoryHostBecomesATargetWithItsKeyFileUnderHome() {
        Host host = new Host("db-1", "203.0.113.10", 2222, Optional.of("deploy"), Optional.of("~/.ssh/wgform"), true,
                Optional.empty(), Map.of(), false, List.of(), "eth0", Optional.empty(), Optional.empty(), List.of(),
                Map.of(), SourceRef.of("inventory.yml"));

        SshTarget target = SshTarget.of(host);

        assertThat(target).isEqualTo(new SshTarget("db-1", "203.0.113.10", 2222, Optional.of("deploy"),
                Optional.of(Path.of(System.getProperty("user.home"), ".ssh", "wgform")), true, Optional.empty()));
    }

    @Test
    void blankOptionalsAreAbsentAndBadPortsRejected() {
        SshTarget target = new SshTarget("db-1", "db-1", 22, Optional.of(" "), Optional.empty(), false, Optional.of(""));

        assertThat(target.user()).isEmpty();
        assertThat(target.proxyJump()).isEmpty();
        assertThatThrownBy(() -> new SshTarget("db-1", "db-1", 0, Optional.empty(), Optional.empty(), false, Optional.empty()))
                .hasMessage("ssh port out of range for db-1: 0");
    }
}
