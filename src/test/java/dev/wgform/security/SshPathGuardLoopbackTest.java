package dev.wgform.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.json.JsonReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH path guard through the whole command line, against fake hosts reached over real SSH at 127.0.0.1: a
 * playbook that binds sshd to mgmt and locks the public interface down without keep_public_ssh, while wgform still
 * reaches the hosts at their ansible_host. plan says so and exits 1, apply refuses before sending any host more than
 * the fact script, a saved plan carries the refusals, and --force goes through; afterwards only what still changes
 * counts.
 */
class SshPathGuardLoopbackTest {
    private static final String PLAYBOOK = """
            planes:
              mgmt: { subnet: 10.200.0.0/24, port: 51820, members: [all] }
            services:
              sshd: { plane: mgmt }
            firewall: { policy: stealth, keep_public_ssh: false }
            """;
    private static final String DROP_IN = "/etc/ssh/sshd_config.d/wgform.conf";

    @TempDir
    Path base;

    @Test
    void aPlanThatWouldLockWgformOutIsRefusedUntilForced() throws IOException {
        try (LoopbackFleet fleet = LoopbackFleet.start(base, "node-a", "node-b")) {
            String inv = fleet.inventory(Map.of()).toString();
            String pb = fleet.write("playbook.yml", PLAYBOOK).toString();
            int portA = fleet.host("node-a").port();

            LoopbackFleet.Result plan = fleet.wgform("plan", "-i", inv, pb);
            assertThat(plan.exit()).as(plan.all()).isEqualTo(1);
            assertThat(plan.out()).contains("# node-a\n  REFUSED: node-a: this change would cut wgform's SSH path to 127.0.0.1:" + portA
                    + " (the firewall's stealth policy drops TCP " + portA + " on eth0 while keep_public_ssh is false; and sshd's drop-in "
                    + DROP_IN + " has it listen on 10.200.0.1 only). Safe order: bring the mgmt plane up with keep_public_ssh: true");
            assertThat(plan.out()).contains("Refused: this plan would cut wgform's SSH path to 2 hosts (node-a, node-b); apply will not run it without --force.");

            LoopbackFleet.Result json = fleet.wgform("plan", "--json", "-i", inv, pb);
            assertThat(json.exit()).isEqualTo(1);
            Map<String, Object> root = JsonReader.parseObject(json.out());
            assertThat(((Map<?, ?>) root.get("summary")).get("refused")).isEqualTo(2L);
            Map<?, ?> nodeA = (Map<?, ?>) ((List<?>) root.get("hosts")).get(0);
            assertThat((List<?>) nodeA.get("refusals")).singleElement().asString().startsWith("node-a: this change would cut wgform's SSH path");

            Path planFile = fleet.dir.resolve("refused.plan");
            LoopbackFleet.Result saved = fleet.wgform("plan", "--out", planFile.toString(), "-i", inv, pb);
            assertThat(saved.exit()).isEqualTo(1);
            assertThat(Files.readString(planFile)).contains("\"refusals\": [", "node-b: this change would cut");

            int scriptsBefore = fleet.scripts().size();
            LoopbackFleet.Result refused = fleet.wgform("apply", "--auto-approve", "-i", inv, pb);
            assertThat(refused.exit()).as(refused.all()).isEqualTo(1);
            assertThat(refused.err()).contains(pb + ": node-a: this change would cut wgform's SSH path to 127.0.0.1:" + portA,
                    pb + ": node-b: this change would cut", "nothing was changed");
            LoopbackFleet.Result refusedSaved = fleet.wgform("apply", "-i", inv, pb, planFile.toString());
            assertThat(refusedSaved.exit()).as(refusedSaved.all()).isEqualTo(1);
            assertThat(refusedSaved.err()).contains("node-a: this change would cut");
            assertNothingChanged(fleet, scriptsBefore);

            LoopbackFleet.Result forcedPlan = fleet.wgform("plan", "--force", "-i", inv, pb);
            assertThat(forcedPlan.exit()).as("refusals only warn: the normal exit codes apply").isZero();
            assertThat(forcedPlan.out()).contains("  warning (--force): node-a: this change would cut").doesNotContain("REFUSED");

            LoopbackFleet.Result forced = fleet.wgform("apply", "--force", "-i", inv, pb, planFile.toString());
            assertThat(forced.exit()).as(forced.all()).isZero();
            assertThat(forced.out()).contains("warning (--force)", "node-a: changed", "node-b: changed");
            assertThat(fleet.host("node-a").read(DROP_IN)).contains("ListenAddress 10.200.0.1\n").doesNotContain("127.0.0.1");

            // the hosts were still reached (this sshd ignores its drop-in): the firewall in place no longer counts; the
            // drop-in sshd does not listen by yet does, as the reload the plan wants could cut the path
            LoopbackFleet.Result after = fleet.wgform("plan", "-i", inv, pb);
            assertThat(after.exit()).as(after.all()).isEqualTo(1);
            assertThat(after.out()).contains("sshd is not listening on 10.200.0.1:" + portA + ": reload it",
                    "REFUSED: node-a: this change would cut wgform's SSH path to 127.0.0.1:" + portA + " (sshd's drop-in " + DROP_IN
                            + " has it listen on 10.200.0.1 only)").doesNotContain("firewall's stealth policy");
        }
    }

    /** Every host got its fact scripts and nothing else, and the workstation has no address lock file. */
    private static void assertNothingChanged(LoopbackFleet fleet, int scriptsBefore) {
        List<String> scripts = fleet.scripts();
        assertThat(scripts.size() - scriptsBefore).as("one fact script per host and apply").isEqualTo(2 * 2);
        assertThat(scripts.subList(scriptsBefore, scripts.size()))
                .allSatisfy(s -> assertThat(s).as("a fact script").contains("wgf_file() {").doesNotContain("step_ok() {"));
        for (LoopbackHost h : fleet.hosts.values()) {
            assertThat(h.files()).as(h.name).containsExactlyInAnyOrder("/etc/os-release", "/proc/1/comm");
        }
        try (var files = Files.list(fleet.dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).noneMatch(n -> n.contains(".lock"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
