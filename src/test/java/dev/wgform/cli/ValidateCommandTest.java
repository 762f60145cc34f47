package dev.wgform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class ValidateCommandTest {
    @Test
    void summarisesTheFourPlaneExample() {
        Run run = Run.of("validate", "-i", Examples.inventory("four-plane"), Examples.playbook("four-plane"));
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo("ok: 4 hosts, 4 planes (mgmt: 4 members, data: 4 members, monitor: 4 members, "
                + "app: 4 members), 5 service bindings; no new addresses to allocate");
    }

    @ParameterizedTest
    @FieldSource("dev.wgform.cli.Examples#NAMES")
    void everyExampleIsValid(String name) {
        Run run = Run.of("validate", "-i", Examples.inventory(name), Examples.playbook(name));
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("ok: ");
    }

    @Test
    void countsAddressesItWouldAllocateButWritesNoLockFile(@TempDir Path dir) throws IOException {
        Path[] files = Examples.copy("four-plane", dir);
        Run run = Run.of("validate", "-i", files[0].toString(), files[1].toString());
        assertThat(run.exitCode()).isZero();
        // 16 memberships, 2 of them pinned by db-1's wg_addresses
        assertThat(run.out()).contains("14 addresses would be allocated").contains(dir.resolve("four-plane.lock.yml").toString());
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("four-plane.yml", "four-plane-playbook.yml");
        }
    }

    @Test
    void jsonSummary() {
        Run run = Run.of("validate", "--json", "-i", Examples.inventory("four-plane"), Examples.playbook("four-plane"));
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("{\n  \"ok\": true,\n").endsWith("}\n");
        assertThat(run.out()).contains("\"hosts\": [\n    \"db-1\",\n    \"mon-1\",\n    \"web-1\",\n    \"web-2\"\n  ]");
        assertThat(run.out()).contains("\"name\": \"mgmt\",\n      \"interface\": \"wg-mgmt\",\n      \"subnet\": \"10.200.0.0/24\",\n"
                + "      \"port\": 51820,\n      \"topology\": \"mesh\",\n      \"hub\": null,\n      \"members\": {\n"
                + "        \"db-1\": \"10.200.0.10\",");
        assertThat(run.out()).contains("\"service_bindings\": 5,", "\"new_addresses\": 0,", "\"lock_file_would_change\": false");
    }

    @Test
    void badInputListsEveryProblemWithFileAndLineAndNoStackTrace() {
        Run run = Run.of("validate", "-i", Examples.BAD_INVENTORY, Examples.BAD_PLAYBOOK);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).containsPattern("(?m)^src/test/resources/cli/bad/inventory\\.yml:5:\\d+: all\\.hosts\\.node-b\\.ansible_port: ");
        assertThat(run.err()).containsPattern("(?m)^src/test/resources/cli/bad/playbook\\.yml:4:\\d+: planes\\.mgmt\\.subnet: ");
        assertThat(run.err()).containsPattern("(?m)^src/test/resources/cli/bad/playbook\\.yml:6:\\d+: planes\\.mgmt\\.topology: ");
        assertThat(run.err()).endsWith("wgform: 3 problems in the input; nothing was changed.\n");
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void stacktraceOptionDoesNotTurnInputProblemsIntoStackTraces() {
        Run run = Run.of("--stacktrace", "validate", "-i", Examples.BAD_INVENTORY, Examples.BAD_PLAYBOOK);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void missingInventoryIsAProblemNotACrash() {
        Run run = Run.of("validate", "-i", "no-such-inventory.yml", Examples.playbook("four-plane"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("no-such-inventory.yml").contains("nothing was changed");
    }
}
