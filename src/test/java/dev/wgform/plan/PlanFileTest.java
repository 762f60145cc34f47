package dev.wgform.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wgform.model.InvalidInputException;
import dev.wgform.model.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanFileTest {
    @TempDir
    Path dir;

    static Plan sample() {
        FileChange file = new FileChange("/etc/wireguard/wg-mgmt.conf", 0600, "wg", Optional.of("1".repeat(64)), Optional.empty(),
                "[Interface]\nPrivateKey = {{wgform-secret:/etc/wireguard/keys/wg-mgmt.key}}\n\n[Peer]\nPublicKey = {{wgform-pubkey:b/mgmt}}\n",
                "--- a\n+++ a\n@@ -1 +1 @@\n-x\n+PublicKey = (known after apply) \"quoted\" \\ tab\t é 🔑\n");
        List<Change> changes = List.of(
                new Change(ResourceType.PRIVATE_KEY, "wg-mgmt", Action.CREATE, Optional.empty(),
                        List.of(new Effect.GenerateKey("wg-mgmt", "/etc/wireguard/keys/wg-mgmt.key"), new Effect.RestartInterface("wg-mgmt")),
                        List.of("public key: (known after apply)")),
                new Change(ResourceType.PRESHARED_KEY, "psk wg-mgmt b", Action.UPDATE, Optional.empty(),
                        List.of(new Effect.PushPsk("wg-mgmt", "b", "/etc/wireguard/keys/wg-mgmt/b.psk"), new Effect.LiveSync("wg-mgmt")),
                        List.of("value: (sensitive)")),
                new Change(ResourceType.WG_CONFIG, "/etc/wireguard/wg-mgmt.conf", Action.UPDATE, Optional.of(file),
                        List.of(new Effect.UpInterface("wg-mgmt"), new Effect.EnableAtBoot("wg-mgmt")), List.of()),
                new Change(ResourceType.INTERFACE, "wg-old", Action.DELETE, Optional.empty(), List.of(new Effect.DownInterface("wg-old")), List.of()),
                new Change(ResourceType.FIREWALL, "/etc/nftables.d/wgform.nft", Action.NOOP,
                        Optional.of(new FileChange("/etc/nftables.d/wgform.nft", 0600, "firewall", Optional.empty(), Optional.of("2".repeat(64)), "", "")),
                        List.of(), List.of()),
                new Change(ResourceType.SERVICE_CONFIG, "/etc/default/prometheus", Action.CREATE,
                        Optional.of(new FileChange("/etc/default/prometheus", 0644, "service:prometheus", Optional.empty(), Optional.of("3".repeat(64)),
                                "ARGS=\"--web.listen-address=10.200.0.1:9090\"\n", "+ARGS\n")),
                        List.of(new Effect.ReloadService("prometheus"), new Effect.RestartService("postgresql"), new Effect.LoadFirewall("firewalld")),
                        List.of()),
                new Change(ResourceType.MANIFEST, "/var/lib/wgform/manifest.json", Action.UPDATE, Optional.empty(), List.of(), List.of("+ x")));
        return Plan.of(Instant.parse("2025-06-07T08:09:10.123456Z"), "inv.yml", "pb.yml", List.of(
                new HostPlan("a", Optional.empty(), changes, "c".repeat(64), List.of("note one")),
                HostPlan.unreachable("b", "connection refused")));
    }

    @Test
    void roundTripsEveryField() throws Exception {
        Path file = dir.resolve("plan.json");
        Plan plan = sample();
        PlanFile.write(plan, file);
        assertThat(PlanFile.read(file)).isEqualTo(plan);
        assertThat(Files.readString(file)).startsWith("{\n  \"format_version\": \"1\",").endsWith("}\n");
    }

    @Test
    void isWrittenForItsOwnerOnlyAndReplacedAtomically() throws Exception {
        Path file = dir.resolve("plan.json");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        PlanFile.write(sample(), file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("plan.json"); // no temp file left
        }
    }

    @Test
    void refusesAnotherFormatVersion() throws Exception {
        Path file = dir.resolve("plan.json");
        PlanFile.write(sample(), file);
        Files.writeString(file, Files.readString(file).replace("\"format_version\": \"1\"", "\"format_version\": \"2\""));
        Problem p = problem(file);
        assertThat(p.key()).isEqualTo("format_version");
        assertThat(p.message()).isEqualTo("plan format 2 is not supported (this wgform reads format 1): make the plan again with this wgform");
    }

    @Test
    void namesWhereADamagedPlanIsWrong() throws Exception {
        Path file = dir.resolve("plan.json");
        PlanFile.write(sample(), file);
        String text = Files.readString(file);

        Files.writeString(file, text.replace("\"action\": \"update\"", "\"action\": \"frobnicate\""));
        assertThat(problem(file).toString()).isEqualTo(file + ": hosts[0].changes[1].action: unknown action");

        Files.writeString(file, text.replace("\"type\": \"live_sync\"", "\"type\": \"teleport\""));
        assertThat(problem(file).toString()).isEqualTo(file + ": hosts[0].changes[1].effects[1].type: unknown effect teleport");

        Files.writeString(file, text.replace("\"mode\": \"0600\"", "\"mode\": 384"));
        assertThat(problem(file).toString()).isEqualTo(file + ": hosts[0].changes[2].file.mode: expected a string, found number");

        Files.writeString(file, text.replace("\"host\": \"a\",", ""));
        assertThat(problem(file).toString()).isEqualTo(file + ": hosts[0].host: missing");

        Files.writeString(file, text.replace("\"new_content\": \"ARGS=", "\"new_content\": \"PrivateKey = c2VjcmV0\\nARGS="));
        assertThat(problem(file).message()).contains("not a placeholder");

        Files.writeString(file, text.substring(0, text.length() / 2));
        Problem truncated = problem(file);
        assertThat(truncated.where().line()).isGreaterThan(1);
        assertThat(truncated.message()).startsWith("not a wgform plan file, or a damaged one: ");
    }

    @Test
    void saysWhenAFileIsNotAPlanAtAll() throws Exception {
        Path file = dir.resolve("x");
        Files.write(file, new byte[] {'P', 'K', 3, 4, (byte) 0xff, (byte) 0xfe});
        assertThat(problem(file).message()).isEqualTo("not a wgform plan file (not UTF-8 text)");
        Files.writeString(file, "{\"format_version\": 4, \"terraform_version\": \"1.9.0\"}".replace("\"format_version\": 4, ", ""));
        assertThat(problem(file).message()).isEqualTo("not a wgform plan file (JSON without \"format_version\")");
        Files.writeString(file, "# a shell script\n");
        assertThat(problem(file).toString()).isEqualTo(file + ":1:1: not a wgform plan file, or a damaged one: unexpected '#', expected a value");
        assertThat(problem(dir.resolve("missing.json")).message()).isEqualTo("cannot read the plan file: no such file");
    }

    private static Problem problem(Path file) {
        try {
            PlanFile.read(file);
        } catch (InvalidInputException e) {
            assertThat(e.problems()).hasSize(1);
            return e.problems().get(0);
        }
        throw new AssertionError("read " + file + " without complaint: " + new String(readQuietly(file), StandardCharsets.UTF_8));
    }

    private static byte[] readQuietly(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            return new byte[0];
        }
    }
}
