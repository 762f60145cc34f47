package dev.wgform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Shell and file-format metacharacters in every value of the inventory and playbook that reaches a host. Each value
 * is either refused with a problem at its file and line (exit 1, before any script runs on any host), or it travels
 * as data: the scripts really run (over SSH on loopback, against fake hosts in temp dirs) and a command hidden in the
 * value never runs, so the marker file it would create never appears.
 *
 * <p>Custom services' {@code validate:} and {@code reload:} are the user's own sh by design: they must arrive as
 * written, run once as written, inside the install step only, and never be interpreted a second time.
 */
class HostileValuesTest {
    @TempDir
    static Path markerDir;
    private static Path marker;

    @TempDir
    Path dir;

    @BeforeAll
    static void marker() {
        marker = markerDir.resolve("PWNED");
    }

    @AfterEach
    void nothingRan() {
        assertThat(marker).as("a command hidden in a value was executed").doesNotExist();
    }

    @AfterAll
    static void stillNothing() throws IOException {
        try (Stream<Path> left = Files.list(markerDir)) {
            assertThat(left).isEmpty();
        }
    }

    /** Values that would do something if a shell, wg-quick, nftables, sshd or nginx read them as syntax. */
    static Map<String, String> hostile() {
        String m = marker.toString();
        Map<String, String> v = new LinkedHashMap<>();
        v.put("single quote", "x'y");
        v.put("double quote", "x\"y");
        v.put("command substitution", "$(touch " + m + ")");
        v.put("backticks", "`touch " + m + "`");
        v.put("semicolon", "x;touch " + m);
        v.put("pipe", "x|touch " + m);
        v.put("and-list", "x&&touch " + m);
        v.put("newline", "x\ntouch " + m);
        v.put("backslash", "x\\y");
        v.put("glob", "x*?[ab]");
        v.put("percent", "x%s%n");
        v.put("braces", "x}{y");
        v.put("leading dash", "-h");
        return v;
    }

    // --- refused: validate or render says where, exit 1; no host is contacted by either

    private static final String INVENTORY = """
            all:
              vars:
                ansible_user: root
              hosts:
                node-a: { ansible_host: 203.0.113.1, wg_lan: [192.168.1.0/24] }
                node-b: { ansible_host: 203.0.113.2 }
            """;

    private static final String PLAYBOOK = """
            planes:
              mgmt: { subnet: 10.200.0.0/24, port: 51820, members: [all], psk: true, lan_routes: true }
              roam: { subnet: 10.210.0.0/24, port: 51821, hub: node-a, members: [all], clients: { dns: [1.1.1.1] } }
            services:
              sshd: { plane: mgmt }
              postgresql: { plane: mgmt }
              nginx: { plane: mgmt, port: 8080 }
              app: { plane: mgmt, port: 9000, template: app.ftl, destination: /etc/app/wgform.conf, validate: app-check, reload: app-reload }
            firewall: { backend: nftables, policy: stealth, allow_public: [tcp/443] }
            """;

    /** Where a value goes: the file, the text to replace there, and what to put instead ({@code @} is the value). */
    record Field(String name, boolean inPlaybook, String find, String replace) {
        String apply(String text, String yamlValue) {
            if (!text.contains(find)) throw new IllegalStateException(name + ": '" + find + "' not in the fixture");
            return text.replace(find, replace.replace("@", yamlValue));
        }
    }

    static List<Field> fields() {
        return List.of(
                new Field("host name", false, "    node-b: {", "    @: { ansible_host: 203.0.113.3 }\n    node-b: {"),
                new Field("ansible_host", false, "ansible_host: 203.0.113.2", "ansible_host: @"),
                new Field("ansible_port", false, "ansible_host: 203.0.113.2", "ansible_host: 203.0.113.2, ansible_port: @"),
                new Field("wg_public_interface", false, "ansible_host: 203.0.113.2", "ansible_host: 203.0.113.2, wg_public_interface: @"),
                new Field("wg_endpoint", false, "ansible_host: 203.0.113.2", "ansible_host: 203.0.113.2, wg_endpoint: @"),
                new Field("wg_lan", false, "wg_lan: [192.168.1.0/24]", "wg_lan: [@]"),
                new Field("wg_os_family", false, "ansible_host: 203.0.113.2", "ansible_host: 203.0.113.2, wg_os_family: @"),
                new Field("wg_postgresql_version", false, "ansible_host: 203.0.113.2", "ansible_host: 203.0.113.2, wg_postgresql_version: @"),
                new Field("wg_ssh_via", false, "ansible_host: 203.0.113.2", "ansible_host: 203.0.113.2, wg_ssh_via: @"),
                new Field("wg_addresses", false, "ansible_host: 203.0.113.2", "ansible_host: 203.0.113.2, wg_addresses: { mgmt: @ }"),
                new Field("plane name", true, "  roam: {", "  @: { subnet: 10.220.0.0/24, port: 51822, members: [all] }\n  roam: {"),
                new Field("plane interface", true, "psk: true,", "psk: true, interface: @,"),
                new Field("plane members", true, "members: [all], psk", "members: [@], psk"),
                new Field("hub", true, "hub: node-a", "hub: @"),
                new Field("clients dns", true, "dns: [1.1.1.1]", "dns: [@]"),
                new Field("service name", true, "  app: {", "  @: {"),
                new Field("service port", true, "port: 9000", "port: @"),
                new Field("service plane", true, "  nginx: { plane: mgmt", "  nginx: { plane: @"),
                new Field("service hosts", true, "  nginx: { plane: mgmt,", "  nginx: { plane: mgmt, hosts: [@],"),
                new Field("custom destination", true, "destination: /etc/app/wgform.conf", "destination: /etc/app/@"),
                new Field("allow_public", true, "allow_public: [tcp/443]", "allow_public: [@]"));
    }

    static Stream<Arguments> refusedEverywhere() {
        marker = markerDir.resolve("PWNED");
        List<Arguments> out = new ArrayList<>();
        for (Field f : fields()) {
            hostile().forEach((label, value) -> {
                // "-h" is a fine host name, port list entry... only where a tool would take it for an option is it refused
                if (label.equals("leading dash") && !f.name().equals("plane interface")) return;
                out.add(row(f, label, value));
            });
        }
        // the user's own commands may hold any sh, but only on one line
        out.add(row(new Field("custom validate", true, "validate: app-check", "validate: @"), "newline", "app-check\ntouch " + marker));
        out.add(row(new Field("custom reload", true, "reload: app-reload", "reload: @"), "newline", "app-reload\ntouch " + marker));
        out.add(row(new Field("custom reload", true, "reload: app-reload", "reload: @"), "CR", "app-reload\rtouch " + marker));
        // wgform's own trees are not a place for a custom file (it would replace a key or the manifest)
        out.add(row(new Field("custom destination", true, "destination: /etc/app/wgform.conf", "destination: @"), "private key",
                "/etc/wireguard/keys/wg-mgmt.key"));
        out.add(row(new Field("custom destination", true, "destination: /etc/app/wgform.conf", "destination: @"), "manifest",
                "/var/lib/wgform/manifest.json"));
        // longer than the scripts take
        out.add(row(new Field("service name", true, "  app: {", "  @: {"), "65 characters", "a".repeat(65)));
        return out.stream();
    }

    private static Arguments row(Field field, String label, String value) {
        return Arguments.of(Named.of(field.name(), field), label, value);
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource
    void refusedEverywhere(Field field, String label, String value) throws IOException {
        Path inventory = Files.writeString(dir.resolve("inventory.yml"), field.inPlaybook() ? INVENTORY : field.apply(INVENTORY, yaml(value)));
        String playbookText = field.inPlaybook() ? field.apply(PLAYBOOK, yaml(value)) : PLAYBOOK;
        Path playbook = Files.writeString(dir.resolve("playbook.yml"), playbookText);
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Files.writeString(templates.resolve("app.ftl"), "listen ${service.address}:${service.port?c}\n");
        int line = lineOf(field.inPlaybook() ? playbookText : Files.readString(inventory), yaml(value));
        Path file = field.inPlaybook() ? playbook : inventory;

        LoopbackFleet.Result validate = Cli.run("validate", "-i", inventory.toString(), playbook.toString());
        LoopbackFleet.Result refusal = validate;
        if (validate.exit() == 0) {
            refusal = Cli.run("render", "-i", inventory.toString(), playbook.toString(), "--templates", templates.toString(),
                    "--out", dir.resolve("out").toString());
        }
        assertThat(refusal.exit()).as("exit of validate, then render:\n" + validate.all() + refusal.all()).isEqualTo(1);
        assertThat(refusal.err())
                .as("a problem at " + file.getFileName() + ":" + line)
                .containsPattern("(?m)^" + Pattern.quote(file.toString()) + ":" + line + ":[0-9]+: ")
                .contains("nothing was changed.")
                .doesNotContain("Exception", "\tat ");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    // --- refused before any script runs: plan connects while it renders, but reads no host before the render passed

    @Test
    void planRefusesAValueBadForAFileBeforeAnyHostRunsAnything() throws IOException {
        try (LoopbackFleet fleet = LoopbackFleet.start(dir, "node-a", "node-b")) {
            Path inventory = fleet.inventory(Map.of());
            Path templates = Files.createDirectories(dir.resolve("templates"));
            Files.writeString(templates.resolve("app.ftl"), "listen ${service.address}:${service.port?c}\n");
            String value = "/etc/app/$(touch " + marker + ").conf";
            Path playbook = fleet.write("playbook.yml", """
                    planes:
                      mgmt: { subnet: 10.200.0.0/24, port: 51820, members: [all] }
                    services:
                      app: { plane: mgmt, port: 9000, template: app.ftl, destination: %s }
                    """.formatted(yaml(value)));

            LoopbackFleet.Result plan = fleet.wgform("plan", "-i", inventory.toString(), playbook.toString(), "--templates", templates.toString());

            assertThat(plan.exit()).as(plan.all()).isEqualTo(1);
            assertThat(plan.err()).containsPattern("(?m)^" + Pattern.quote(playbook.toString()) + ":4:[0-9]+: ");
            for (LoopbackHost h : fleet.hosts.values()) assertThat(h.received()).as(h.name + " ran something").isEmpty();
        }
    }

    // --- accepted: the value is data all the way

    @Test
    void aLoginNameOfMetacharactersIsOnlyEverTheSshUserName() throws IOException {
        String oneLine = "r'o\"o;$(touch " + marker + ")|`touch " + marker + "`&&x\\y*%s}{";
        String twoLines = "root\ntouch " + marker;
        try (LoopbackFleet fleet = LoopbackFleet.start(dir, "node-a", "node-b")) {
            Path inventory = fleet.inventory(Map.of(
                    "node-a", "ansible_user: " + yaml(oneLine) + ", ansible_become: true",
                    "node-b", "ansible_user: " + yaml(twoLines)));
            Path playbook = fleet.write("playbook.yml", """
                    planes:
                      mgmt: { subnet: 10.200.0.0/24, port: 51820, members: [all], psk: true }
                    services:
                      sshd: { plane: mgmt }
                    firewall: { backend: nftables, policy: stealth }
                    """);

            LoopbackFleet.Result plan = fleet.wgform("plan", "-i", inventory.toString(), playbook.toString());

            if (plan.exit() == 1) { // validation may refuse such names: then at their lines, and nothing ran
                assertThat(plan.err()).containsPattern("(?m)^" + Pattern.quote(inventory.toString()) + ":[0-9]+:[0-9]+: .*ansible_user");
                fleet.hosts.values().forEach(h -> assertThat(h.received()).isEmpty());
                return;
            }
            assertThat(plan.exit()).as(plan.all()).isZero();
            LoopbackHost a = fleet.host("node-a");
            LoopbackHost b = fleet.host("node-b");
            assertThat(a.received()).isNotEmpty().allSatisfy(r -> {
                assertThat(r.user()).isEqualTo(oneLine);
                assertThat(r.command()).isEqualTo("sudo -n sh -s"); // a fixed command line; the name is not in it
            });
            assertThat(b.received()).isNotEmpty().allSatisfy(r -> {
                assertThat(r.user()).isEqualTo(twoLines);
                assertThat(r.command()).isEqualTo("sh -s");
            });
            for (String script : fleet.scripts()) {
                assertThat(script).doesNotContain("touch " + marker, "r'o\"o");
            }
        }
    }

    @Test
    void customCommandsArriveAsWrittenAndRunOnceAsWrittenInTheInstallStepOnly() throws IOException {
        // sh the user means: quotes, a substitution that must run (it is theirs) and one that must not (it is quoted)
        String validate = "printf '%s|%s|%s\\n' 'q\"uo'\\''te' '$(touch " + marker + ")' \"$(echo sub)\" > \"$WGFORM_ROOT/validated\"";
        String reload = "printf '%s\\n' 'reloaded; `touch " + marker + "`' >> \"$WGFORM_ROOT/reloaded\" && test -s \"$WGFORM_ROOT/etc/app/wgform.conf\"";
        try (LoopbackFleet fleet = LoopbackFleet.start(dir, "node-a", "node-b")) {
            Path inventory = fleet.inventory(Map.of());
            Path templates = Files.createDirectories(dir.resolve("templates"));
            Files.writeString(templates.resolve("app.ftl"), "listen ${service.address}:${service.port?c}\n");
            Path playbook = fleet.write("playbook.yml", """
                    planes:
                      mgmt: { subnet: 10.200.0.0/24, port: 51820, members: [all] }
                    services:
                      app:
                        plane: mgmt
                        port: 9000
                        template: app.ftl
                        destination: /etc/app/wgform.conf
                        validate: %s
                        reload: %s
                    """.formatted(yaml(validate), yaml(reload)));

            LoopbackFleet.Result apply = fleet.wgform("apply", "--auto-approve", "-i", inventory.toString(), playbook.toString(),
                    "--templates", templates.toString());

            assertThat(apply.exit()).as(apply.all()).isZero();
            for (LoopbackHost h : fleet.hosts.values()) {
                assertThat(h.read("/validated")).isEqualTo("q\"uo'te|$(touch " + marker + ")|sub\n");
                assertThat(h.read("/reloaded")).isEqualTo("reloaded; `touch " + marker + "`\n");
                assertThat(h.read("/etc/app/wgform.conf")).startsWith("listen 10.200.0.");
                List<String> installs = h.scripts().stream().filter(s -> s.contains("wgform install step")).toList();
                assertThat(installs).hasSize(1);
                String install = installs.get(0);
                // each command only ever inside its guard: a subshell, stdin closed, output kept
                assertThat(occurrences(install, validate)).isPositive()
                        .isEqualTo(occurrences(install, "( " + validate + " ) </dev/null >\"$OUT\" 2>&1 9>&-"));
                assertThat(occurrences(install, reload)).isPositive()
                        .isEqualTo(occurrences(install, "( " + reload + " ) </dev/null >\"$OUT\" 2>&1 9>&-"));
                h.scripts().stream().filter(s -> s != install).forEach(s -> assertThat(s).doesNotContain(validate, reload));
            }
        }
    }

    @Test
    void namesFoundOnTheHostAreDataForTheFactScript() throws IOException {
        try (LoopbackFleet fleet = LoopbackFleet.start(dir, "node-a", "node-b")) {
            LoopbackHost a = fleet.host("node-a");
            // a file name cannot hold '/': these touch a file in the shell's working directory, the host's dir
            Path hostMarker = a.dir.resolve("PWNED");
            String[] names = {"x$(touch PWNED).conf", "a'b;touch PWNED.conf", "`touch PWNED`.conf", "*.conf", "new\nline.conf"};
            Files.createDirectories(a.path("/etc/wireguard"));
            for (String n : names) Files.writeString(a.path("/etc/wireguard").resolve(n), "[Interface]\nPrivateKey = secret\n");
            Files.createDirectories(a.path("/var/lib/wgform"));
            Files.writeString(a.path("/var/lib/wgform/manifest.json"), """
                    {"version": 1, "files": [
                      {"path": "/etc/app/$(touch %1$s)", "kind": "service:app", "sha256": "%2$s"},
                      {"path": "/etc/app/`touch %1$s`;x", "kind": "service:app", "sha256": "%2$s"}
                    ]}
                    """.formatted(marker, "0".repeat(64)));
            Path inventory = fleet.inventory(Map.of());
            Path playbook = fleet.write("playbook.yml", "planes:\n  mgmt: { subnet: 10.200.0.0/24, port: 51820, members: [all] }\n");

            LoopbackFleet.Result plan = fleet.wgform("plan", "-i", inventory.toString(), playbook.toString());

            assertThat(plan.exit()).as(plan.all()).isZero();
            assertThat(a.received()).hasSize(1);
            assertThat(hostMarker).doesNotExist();
            assertThat(plan.out()).doesNotContain("= secret");
        }
    }

    @Test
    void aPathInOneHostsManifestThatNoScriptMayCarryFailsThatHostAlone() throws IOException {
        try (LoopbackFleet fleet = LoopbackFleet.start(dir, "node-a", "node-b")) {
            LoopbackHost a = fleet.host("node-a");
            Files.createDirectories(a.path("/etc/app"));
            Files.writeString(a.path("/etc/app/a b;touch PWNED"), "left by an older run\n");
            Files.createDirectories(a.path("/var/lib/wgform"));
            Files.writeString(a.path("/var/lib/wgform/manifest.json"), """
                    {"version": 1, "files": [
                      {"path": "/etc/app/a b;touch PWNED", "kind": "service:app", "sha256": "%s"}
                    ]}
                    """.formatted("0".repeat(64)));
            Path inventory = fleet.inventory(Map.of());
            Path playbook = fleet.write("playbook.yml", "planes:\n  mgmt: { subnet: 10.200.0.0/24, port: 51820, members: [all] }\n");

            LoopbackFleet.Result apply = fleet.wgform("apply", "--auto-approve", "-i", inventory.toString(), playbook.toString());

            assertThat(apply.exit()).as(apply.all()).isEqualTo(1);
            assertThat(apply.out()).contains("node-a: FAILED (cannot build the install step: deleted path must be an absolute path of plain"
                    + " characters: /etc/app/a b;touch PWNED; nothing was installed on it)");
            assertThat(apply.all()).doesNotContain("error:", "Exception");
            assertThat(a.path("/etc/app/a b;touch PWNED")).exists();
            assertThat(a.path("/etc/wireguard/wg-mgmt.conf")).doesNotExist();
            assertThat(a.dir.resolve("PWNED")).doesNotExist();
            // the other host was not held up by it
            assertThat(fleet.host("node-b").path("/etc/wireguard/wg-mgmt.conf")).exists();
            assertThat(fleet.host("node-b").path("/var/lib/wgform/manifest.json")).exists();
        }
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
        return n;
    }

    private static int lineOf(String text, String yamlValue) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) if (lines[i].contains(yamlValue)) return i + 1;
        throw new IllegalStateException("value not in the text");
    }

    /** A YAML double-quoted scalar holding exactly {@code value}. */
    static String yaml(String value) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default: b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
