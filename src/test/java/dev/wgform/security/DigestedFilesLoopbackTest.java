package dev.wgform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Big meshes read their big files as digests: a file equal to its rendering is never sent, one that differs is sent
 * on request in the same reading command, and the keys peers' configs carry are still read when a host lacks its own.
 * The thresholds (100 peers, 8 KiB) are set down here so that three hosts' small files count as big.
 */
class DigestedFilesLoopbackTest {
    private static final String CONF = "/etc/wireguard/wg-mgmt.conf";

    @TempDir
    Path base;

    @BeforeEach
    void everyFileIsBig() {
        System.setProperty("wgform.digestMinPeers", "1");
        System.setProperty("wgform.digestOverBytes", "64");
    }

    @AfterEach
    void thresholdsBack() {
        System.clearProperty("wgform.digestMinPeers");
        System.clearProperty("wgform.digestOverBytes");
    }

    @Test
    void onlyTheTextsOfFilesThatDifferFromTheirRenderingAreSent() throws Exception {
        try (LoopbackFleet fleet = LoopbackFleet.start(base, "node-a", "node-b", "node-c")) {
            Path inventory = fleet.inventory(Map.of());
            Path playbook = fleet.write("playbook.yml", """
                    planes:
                      mgmt: { subnet: 10.200.0.0/24, port: 51820, members: [all], psk: true }
                    """);
            String[] plan = {"plan", "-i", inventory.toString(), playbook.toString(), "--detailed-exitcode"};

            LoopbackFleet.Result applied = fleet.wgform("apply", "-i", inventory.toString(), playbook.toString(), "--auto-approve");
            assertThat(applied.exit()).as(applied.all()).isZero();
            assertThat(applied.err()).contains("node-a: keys generated: wg-mgmt");
            for (String host : List.of("node-a", "node-b", "node-c")) {
                // a first apply: the reading command asked for texts (none) and made the keys; the install; the confirmation
                assertThat(fleet.host(host).scripts()).as(host).hasSize(3);
            }

            LoopbackFleet.Result converged = fleet.wgform(plan);
            assertThat(converged.exit()).as(converged.all()).isZero();
            assertThat(converged.out()).contains("No changes");
            for (String host : List.of("node-a", "node-b", "node-c")) {
                LoopbackHost.Received read = last(fleet.host(host));
                assertThat(read.sentBack()).contains("@@digest " + CONF).doesNotContain("@@file " + CONF).doesNotContain("@@text ");
                assertThat(read.script()).endsWith("wgf_texts\n}\n"); // never answered: its input just ended
            }

            Path confOfA = fleet.host("node-a").path(CONF);
            Files.writeString(confOfA, Files.readString(confOfA) + "# edited by hand\n");
            LoopbackFleet.Result drifted = fleet.wgform(plan);
            assertThat(drifted.exit()).as(drifted.all()).isEqualTo(2);
            assertThat(drifted.out()).contains("-# edited by hand").doesNotContain("{{wgform-secret:");
            LoopbackHost.Received readA = last(fleet.host("node-a"));
            assertThat(readA.script()).endsWith("wgf_texts\n}\n" + CONF + "\n");
            assertThat(readA.sentBack()).contains("@@text " + CONF + "\n").contains(":# edited by hand\n").endsWith("@@texts-end\n");
            assertThat(last(fleet.host("node-b")).sentBack()).doesNotContain("@@text ");
            for (String host : List.of("node-a", "node-b", "node-c")) {
                // no secret ever in what came back
                assertThat(last(fleet.host(host)).sentBack()).doesNotContainPattern("PrivateKey = [A-Za-z0-9+/]{43}=").doesNotContainPattern("PresharedKey = [A-Za-z0-9+/]{43}=");
            }

            // node-b's key file gone: its key is read from its peers' configs, so theirs are asked for and stay as they are
            Files.writeString(confOfA, Files.readString(confOfA).replace("# edited by hand\n", ""));
            Files.delete(fleet.host("node-b").path("/etc/wireguard/keys/wg-mgmt.key"));
            LoopbackFleet.Result keyGone = fleet.wgform(plan);
            assertThat(keyGone.exit()).as(keyGone.all()).isEqualTo(2);
            assertThat(last(fleet.host("node-a")).sentBack()).contains("@@text " + CONF + "\n");
            // only node-b's new key is planned: no config changes, so no peer of node-b went pending
            assertThat(keyGone.out()).contains("+ private key wg-mgmt").contains("Plan: 1 to add, 0 to change").doesNotContain(CONF);
        }
    }

    private static LoopbackHost.Received last(LoopbackHost host) {
        List<LoopbackHost.Received> all = host.received();
        return all.get(all.size() - 1);
    }
}
