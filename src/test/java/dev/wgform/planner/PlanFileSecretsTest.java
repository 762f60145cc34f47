package dev.wgform.planner;

import static dev.wgform.planner.TestFacts.applied;
import static dev.wgform.planner.TestFacts.desired;
import static dev.wgform.planner.TestFacts.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.desired.HostState;
import dev.wgform.facts.HostFacts;
import dev.wgform.plan.Plan;
import dev.wgform.plan.PlanFile;
import dev.wgform.view.PlanJson;
import dev.wgform.view.PlanView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plan made by the planner, saved and shown: the only key-shaped strings in it are public keys. */
class PlanFileSecretsTest {
    /** What a WireGuard key (private, public or PSK) looks like: base64 of 32 bytes. */
    private static final Pattern KEY_SHAPE = Pattern.compile("[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=");
    private static final String LEFTOVER = "cGxlYXNlLWRvLW5vdC1sZWFrLXRoaXMta2V5LWV2ZXI=";

    @TempDir
    Path dir;

    @Test
    void aSavedPlanHoldsPublicKeysOnlyAndReadsBackEqual() throws Exception {
        List<HostState> before = desired(Scenarios.mesh());
        List<HostState> after = desired(Scenarios.mesh("198.51.100.99", 51999, true));
        Map<String, HostFacts> facts = TestFacts.appliedFleet(before);
        // node-a: a secret the host failed to redact, and a PSK that differs from node-b's copy
        facts.put("node-a", applied(state(before, "node-a"))
                .editFile("/etc/wireguard/wg-mgmt.conf", c -> c.replaceFirst("PresharedKey = \\{\\{wgform-secret}}", "PresharedKey=" + LEFTOVER))
                .pskHash("/etc/wireguard/keys/wg-mgmt/node-b.psk", "0".repeat(64)).build());
        facts.put("db", TestFacts.fresh().build());
        Plan plan = Planner.plan(Instant.parse("2025-01-02T03:04:05Z"), "inventory.yml", "playbook.yml", after,
                TestFacts.renderAll(after), facts, Map.of());
        assertThat(plan.summary().add()).isPositive();
        assertThat(plan.summary().change()).isPositive();

        Path file = dir.resolve("plan.json");
        PlanFile.write(plan, file);
        assertThat(PlanFile.read(file)).isEqualTo(plan);

        Set<String> publicKeys = new HashSet<>();
        for (String host : List.of("node-a", "node-b", "db")) {
            for (String plane : List.of("mgmt", "data")) publicKeys.add(TestFacts.publicKey(host, plane));
        }
        for (String text : List.of(Files.readString(file), PlanJson.render(plan), PlanView.render(plan, true))) {
            assertThat(text).doesNotContain(LEFTOVER).contains("(sensitive)");
            Matcher m = KEY_SHAPE.matcher(text);
            int found = 0;
            while (m.find()) {
                assertThat(publicKeys).as("key-shaped string in the plan").contains(m.group());
                found++;
            }
            assertThat(found).as("public keys do appear (so the pattern works)").isPositive();
        }
    }
}
