package dev.wgform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apply's reading command stays running, ready to make the host's missing keys: only a "yes" gets it answered. Any
 * other answer leaves every host as it was; "yes" makes the keys in that same command, so a first apply sends each
 * host the reading command, the install and the confirmation, nothing more.
 */
class DeclinedApplyLoopbackTest {
    @TempDir
    Path base;

    @Test
    void aDeclinedApplyMakesNoKeyAndAnApprovedOneMakesThemWithoutACommandOfItsOwn() throws Exception {
        try (LoopbackFleet fleet = LoopbackFleet.start(base, "node-a", "node-b")) {
            Path inventory = fleet.inventory(Map.of());
            Path playbook = fleet.write("playbook.yml", """
                    planes:
                      mgmt: { subnet: 10.200.0.0/24, port: 51820, members: [all] }
                    """);

            LoopbackFleet.Result declined = answering("no\n", () -> fleet.wgform("apply", "-i", inventory.toString(), playbook.toString()));
            assertThat(declined.exit()).as(declined.all()).isZero();
            for (String host : new String[] {"node-a", "node-b"}) {
                assertThat(fleet.host(host).scripts()).as(host + ": " + declined.all()).hasSize(1);
                assertThat(Files.exists(fleet.host(host).path("/etc/wireguard/keys/wg-mgmt.key"))).as(host).isFalse();
            }

            LoopbackFleet.Result approved = answering("yes\n", () -> fleet.wgform("apply", "-i", inventory.toString(), playbook.toString()));
            assertThat(approved.exit()).as(approved.all()).isZero();
            assertThat(approved.err()).contains("node-a: keys generated: wg-mgmt");
            for (String host : new String[] {"node-a", "node-b"}) {
                // the declined read; then the read, the install and the confirmation (it loads a firewall): no keys step
                assertThat(fleet.host(host).scripts()).as(host).hasSize(4).noneMatch(s -> s.contains("# wgform keys step"));
                assertThat(Files.readString(fleet.host(host).path("/etc/wireguard/keys/wg-mgmt.key"))).matches("[A-Za-z0-9+/]{43}=\n");
            }
            String peerOfA = Files.readString(fleet.host("node-a").path("/etc/wireguard/wg-mgmt.conf"));
            assertThat(peerOfA).contains("[Peer]").doesNotContain("pending");
        }
    }

    private static LoopbackFleet.Result answering(String answer, java.util.function.Supplier<LoopbackFleet.Result> run) {
        InputStream stdin = System.in;
        System.setIn(new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)));
        try {
            return run.get();
        } finally {
            System.setIn(stdin);
        }
    }
}
