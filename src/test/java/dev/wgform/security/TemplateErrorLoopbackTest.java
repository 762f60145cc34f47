package dev.wgform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Templates run once the hosts' public keys are known, after the hosts have answered: a template that fails while it
 * runs (a value it names does not exist) still stops plan and apply with its file and line, exit 1, and no host is
 * sent anything but the fact script.
 */
class TemplateErrorLoopbackTest {
    @TempDir
    Path base;

    @Test
    void aTemplateThatFailsWhileItRunsStopsPlanAndApplyAfterOnlyTheFactsWereRead() throws IOException {
        try (LoopbackFleet fleet = LoopbackFleet.start(base, "node-a", "node-b")) {
            Path inventory = fleet.inventory(Map.of());
            Path playbook = fleet.write("playbook.yml", """
                    planes:
                      mgmt: { subnet: 10.200.0.0/24, port: 51820, members: [all] }
                    """);
            Path templates = Files.createDirectories(base.resolve("templates"));
            Files.writeString(templates.resolve("wg-quick.conf.ftl"), "[Interface]\nAddress = ${iface.address}\nListenPort = ${iface.noSuchValue}\n");
            String[] common = {"-i", inventory.toString(), playbook.toString(), "--templates", templates.toString()};

            LoopbackFleet.Result plan = fleet.wgform(concat(new String[] {"plan"}, common));
            LoopbackFleet.Result apply = fleet.wgform(concat(new String[] {"apply", "--auto-approve"}, common));

            for (LoopbackFleet.Result r : new LoopbackFleet.Result[] {plan, apply}) {
                assertThat(r.exit()).as(r.all()).isEqualTo(1);
                assertThat(r.all()).contains("wg-quick.conf.ftl").contains("line 3").contains("noSuchValue")
                        .doesNotContain("Exception", "\tat ");
            }
            for (String host : new String[] {"node-a", "node-b"}) {
                // one fact script per run, nothing else: no key generated (apply's reading command, which could make
                // them, was never answered), no file installed
                assertThat(fleet.host(host).scripts()).as(host).hasSize(2).allMatch(s -> s.startsWith("# wgform fact script") && !s.contains("PHASE=stage"));
                assertThat(Files.exists(fleet.host(host).path("/etc/wireguard/keys/wg-mgmt.key"))).isFalse();
            }
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
