package dev.wgform.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.inventory.FleetLoader;
import dev.wgform.model.Fleet;
import dev.wgform.transport.SshTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wg_ssh_jump turns into a target that passes through the bastion as wgform reaches the bastion itself. */
class SshJumpTargetTest {
    @TempDir
    Path dir;

    private Fleet load(String hosts) throws Exception {
        Path inv = dir.resolve("inv.yml");
        Files.writeString(inv, """
                all:
                  vars:
                    ansible_user: root
                  children:
                    core:
                      hosts:
                """ + hosts.indent(8));
        Path pb = dir.resolve("pb.yml");
        Files.writeString(pb, "planes:\n  mgmt: { subnet: 10.200.0.0/24, port: 51820, members: [core] }\n");
        return FleetLoader.load(inv, pb).fleet();
    }

    @Test
    void theBastionKeepsItsOwnUserPortAndKeyAndTheTargetItsPlaneAddress() throws Exception {
        Fleet fleet = load("""
                bastion: { ansible_host: 203.0.113.1, ansible_port: 2222, ansible_user: jump, ansible_ssh_private_key_file: /k/b }
                db-1: { ansible_host: 203.0.113.2, wg_ssh_via: mgmt, wg_ssh_jump: bastion, ansible_become: true }
                """);

        SshTarget t = FactsGathering.targetOf(fleet, fleet.inventory().host("db-1").orElseThrow());

        assertThat(t.address()).isEqualTo("10.200.0.2");
        assertThat(t.user()).contains("root");
        assertThat(t.become()).isTrue();
        assertThat(t.proxyJump()).isEmpty();
        assertThat(t.jumpHost()).contains(new SshTarget("bastion", "203.0.113.1", 2222, Optional.of("jump"),
                Optional.of(Path.of("/k/b")), false, Optional.empty()));
    }

    @Test
    void aBastionBehindAnotherBastionIsReachedThroughIt() throws Exception {
        Fleet fleet = load("""
                outer: { ansible_host: 203.0.113.1 }
                inner: { ansible_host: 10.0.0.1, wg_ssh_jump: outer }
                deep: { ansible_host: 10.0.1.1, wg_ssh_jump: inner }
                """);

        SshTarget t = FactsGathering.targetOf(fleet, fleet.inventory().host("deep").orElseThrow());

        assertThat(t.jumpHost().map(SshTarget::host)).contains("inner");
        assertThat(t.jumpHost().flatMap(SshTarget::jumpHost).map(SshTarget::address)).contains("203.0.113.1");
    }

    @Test
    void aHostWithoutJumpIsReachedDirectly() throws Exception {
        Fleet fleet = load("web-1: { ansible_host: 203.0.113.5 }\n");

        assertThat(FactsGathering.targetOf(fleet, fleet.inventory().host("web-1").orElseThrow()).jumpHost()).isEmpty();
    }
}
