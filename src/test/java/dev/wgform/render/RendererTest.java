package dev.wgform.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wgform.desired.DesiredState;
import dev.wgform.desired.HostState;
import dev.wgform.desired.PublicKeys;
import dev.wgform.desired.TestFleets;
import dev.wgform.model.FirewallSettings.Backend;
import dev.wgform.model.FirewallSettings.Policy;
import dev.wgform.model.Fleet;
import dev.wgform.model.InvalidInputException;
import dev.wgform.model.Problem;
import dev.wgform.wgconf.PeerSection;
import dev.wgform.wgconf.WgQuickFile;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RendererTest {
    private static final Renderer BUILT_IN = new Renderer(Optional.empty());
    private static final Pattern BASE64_KEY = Pattern.compile("[A-Za-z0-9+/]{43}=");

    @TempDir
    Path dir;

    private static List<HostState> states(Fleet fleet) {
        return DesiredState.build(fleet, GoldenScenarios.SOME_KEYS);
    }

    private static HostState host(List<HostState> states, String name) {
        return states.stream().filter(s -> s.host().name().equals(name)).findFirst().orElseThrow();
    }

    private static RenderedFile file(List<RenderedFile> files, String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow(() -> new AssertionError("no " + path));
    }

    @Test
    void secretsAreOnlyEverPlaceholders() throws Exception {
        for (HostState state : states(GoldenScenarios.meshServices())) {
            for (RenderedFile f : BUILT_IN.render(state)) {
                for (String line : f.content().split("\n")) {
                    String key = line.split("=", 2)[0].trim();
                    if (key.equalsIgnoreCase("PrivateKey") || key.equalsIgnoreCase("PresharedKey")) {
                        assertThat(line.split("=", 2)[1].trim()).as(f.path()).matches(Placeholders.SECRET);
                    }
                }
                Matcher keys = BASE64_KEY.matcher(f.content());
                while (keys.find()) assertThat(GoldenScenarios.KNOWN_KEYS.values()).as("only known public keys").contains(keys.group());
            }
        }
    }

    @Test
    void wgConfigsCarryTheExactPlaceholderSyntax() throws Exception {
        List<RenderedFile> files = BUILT_IN.render(host(states(GoldenScenarios.meshServices()), "node-a"));

        WgQuickFile mgmt = WgQuickFile.parse(file(files, "/etc/wireguard/wg-mgmt.conf").content());
        assertThat(mgmt.first("privatekey")).contains("{{wgform-secret:/etc/wireguard/keys/wg-mgmt.key}}");
        PeerSection b = mgmt.peers().get(0);
        assertThat(b.name()).contains("node-b");
        assertThat(b.first("PresharedKey")).contains("{{wgform-secret:/etc/wireguard/keys/wg-mgmt/node-b.psk}}");
        assertThat(b.publicKey()).contains(GoldenScenarios.KNOWN_KEYS.get("node-b/mgmt"));
        PeerSection db = mgmt.peers().get(1);
        assertThat(db.publicKey()).contains("{{wgform-pubkey:db/mgmt}}");
        Matcher pending = Placeholders.PUBLIC_KEY.matcher(db.publicKey().orElseThrow());
        assertThat(pending.matches()).isTrue();
        assertThat(pending.group(1)).isEqualTo("db");
        assertThat(pending.group(2)).isEqualTo("mgmt");
    }

    @Test
    void filesHaveTheirPathsModesKindsAndHashes() throws Exception {
        List<RenderedFile> files = BUILT_IN.render(host(states(GoldenScenarios.meshServices()), "db"));

        assertThat(files).extracting(RenderedFile::path).containsExactly(
                "/etc/wireguard/wg-mgmt.conf", "/etc/wireguard/wg-data.conf",
                "/etc/firewalld/zones/wgform-public.xml", "/etc/firewalld/zones/wgform-planes.xml",
                "/etc/ssh/sshd_config.d/wgform.conf", "/etc/postgresql/16/main/conf.d/wgform.conf",
                "/etc/default/prometheus-node-exporter");
        assertThat(files).extracting(RenderedFile::mode).containsExactly(0600, 0600, 0644, 0644, 0600, 0644, 0644);
        assertThat(files).extracting(RenderedFile::kind).containsExactly(
                "wg", "wg", "firewall", "firewall", "service:sshd", "service:postgresql", "service:node_exporter");
        for (RenderedFile f : files) {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(f.content().getBytes(StandardCharsets.UTF_8));
            assertThat(f.sha256()).isEqualTo(java.util.HexFormat.of().formatHex(digest));
        }
    }

    @Test
    void pathsAreRendersPathsInTheSameOrderWithoutRunningATemplate() throws Exception {
        for (HostState state : states(GoldenScenarios.meshServices())) {
            assertThat(BUILT_IN.paths(state)).as(state.host().name())
                    .containsExactlyElementsOf(BUILT_IN.render(state).stream().map(RenderedFile::path).toList());
        }
        // a template that would fail while it runs: paths does not run it
        Path dir = java.nio.file.Files.createTempDirectory("wgform-paths-");
        try {
            java.nio.file.Files.writeString(dir.resolve("wg-quick.conf.ftl"), "${iface.noSuchValue}\n");
            Renderer broken = new Renderer(java.util.Optional.of(dir));
            HostState a = host(states(GoldenScenarios.meshServices()), "db");
            assertThat(broken.paths(a)).contains("/etc/wireguard/wg-mgmt.conf");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> broken.render(a)).hasMessageContaining("noSuchValue");
        } finally {
            java.nio.file.Files.delete(dir.resolve("wg-quick.conf.ftl"));
            java.nio.file.Files.delete(dir);
        }
    }

    @Test
    void firewalldZonesAreWellFormedXml() throws Exception {
        List<RenderedFile> files = BUILT_IN.render(host(states(GoldenScenarios.meshServices()), "db"));
        for (RenderedFile f : files) {
            if (!f.path().endsWith(".xml")) continue;
            var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(f.content().getBytes(StandardCharsets.UTF_8)));
            assertThat(doc.getDocumentElement().getTagName()).isEqualTo("zone");
        }
    }

    @Test
    void noFirewallFileWhenTheBackendIsNone() throws Exception {
        List<RenderedFile> files = BUILT_IN.render(states(GoldenScenarios.siteToSite()).get(0));

        assertThat(files).extracting(RenderedFile::kind).containsExactly("wg");
    }

    @Test
    void renderingIsDeterministicAndThreadSafe() throws Exception {
        List<HostState> states = states(GoldenScenarios.meshServices());
        List<List<RenderedFile>> sequential = new ArrayList<>();
        for (HostState s : states) sequential.add(BUILT_IN.render(s));

        List<List<RenderedFile>> parallel = states.parallelStream().map(s -> {
            try {
                return BUILT_IN.render(s);
            } catch (InvalidInputException e) {
                throw new AssertionError(e);
            }
        }).collect(Collectors.toList());

        assertThat(parallel).isEqualTo(sequential);
    }

    @Test
    void aTemplateInTheUserDirectoryReplacesOnlyThatTemplate() throws Exception {
        Files.writeString(dir.resolve("sshd.conf.ftl"), "# site policy\nListenAddress ${service.address}:${service.port!\"22\"}\n");
        HostState nodeA = host(states(GoldenScenarios.meshServices()), "node-a");

        List<RenderedFile> custom = new Renderer(Optional.of(dir)).render(nodeA);
        List<RenderedFile> builtIn = BUILT_IN.render(nodeA);

        assertThat(file(custom, "/etc/ssh/sshd_config.d/wgform.conf").content()).isEqualTo("# site policy\nListenAddress 10.200.0.1:22\n");
        for (RenderedFile f : builtIn) {
            if (!f.kind().equals("service:sshd")) assertThat(file(custom, f.path())).isEqualTo(f);
        }
    }

    @Test
    void aSyntaxErrorNamesTheUserTemplateAndLine() throws Exception {
        Files.writeString(dir.resolve("wg-quick.conf.ftl"), "[Interface]\nAddress = ${iface.address}\n<#if iface.mtu??>\nMTU = 1\n");

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> new Renderer(Optional.of(dir)).render(states(GoldenScenarios.meshServices()).get(0)));

        Problem p = e.problems().get(0);
        assertThat(p.where().file()).isEqualTo(dir.resolve("wg-quick.conf.ftl").toAbsolutePath().toString());
        assertThat(p.where().line()).isBetween(3, 5);
        assertThat(p.toString()).contains("wg-quick.conf.ftl:").contains("syntax error");
    }

    @Test
    void aMissingValueNamesTheTemplateLineAndWhatWasRendered() throws Exception {
        Files.writeString(dir.resolve("nginx-listen.conf.ftl"), "# one\n# two\nlisten ${service.nosuchvalue};\n");

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> new Renderer(Optional.of(dir)).render(host(states(GoldenScenarios.meshServices()), "node-a")));

        Problem p = e.problems().get(0);
        assertThat(p.where().file()).endsWith("nginx-listen.conf.ftl");
        assertThat(p.where().line()).isEqualTo(3);
        assertThat(p.message()).contains("service.nosuchvalue").contains("/etc/nginx/wgform-listen.conf for node-a").doesNotContain("\n");
    }

    @Test
    void templatesCannotInstantiateClassesOrReachJavaApis() throws Exception {
        HostState nodeA = host(states(GoldenScenarios.meshServices()), "node-a");
        Files.writeString(dir.resolve("nginx-listen.conf.ftl"),
                "<#assign ex = \"freemarker.template.utility.Execute\"?new()>${ex(\"id\")}\n");
        assertThatThrownBy(() -> new Renderer(Optional.of(dir)).render(nodeA)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nginx-listen.conf.ftl").hasMessageContaining("not allowed");

        Files.writeString(dir.resolve("nginx-listen.conf.ftl"), "${service?api.getClass()}\n");
        assertThatThrownBy(() -> new Renderer(Optional.of(dir)).render(nodeA)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nginx-listen.conf.ftl").hasMessageContaining("api_builtin_enabled");
    }

    @Test
    void aMissingTemplatesDirectoryIsAUserError() {
        assertThatThrownBy(() -> new Renderer(Optional.of(dir.resolve("nope"))).render(states(GoldenScenarios.meshServices()).get(0)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("nope");
    }

    @Test
    void customServicesRenderTheUsersTemplateToTheirDestination() throws Exception {
        Fleet fleet = TestFleets.fleet()
                .host("app-1", h -> h.endpoint("203.0.113.40").groups("apps").var("app_workers", 4)
                        .var("ansible_become_password", "hunter2").var("vault_token", "s.abc"))
                .plane("app", p -> p.subnet("10.203.0.0/24").members("apps"))
                .customService("myapp", "app", 7000, "myapp/listen.conf.ftl", "/etc/myapp/listen.conf")
                .firewall(Backend.NONE, Policy.OPEN, true)
                .build();
        Files.createDirectories(dir.resolve("myapp"));
        Files.writeString(dir.resolve("myapp/listen.conf.ftl"),
                "bind = ${service.listen}\nworkers = ${host.vars.app_workers}\nplane_cidr = ${planes.app.cidr}\n"
                        + "<#list host.vars as key, value>${key}=${value} </#list>\n");
        HostState app = DesiredState.build(fleet, PublicKeys.none()).get(0);

        RenderedFile f = file(new Renderer(Optional.of(dir)).render(app), "/etc/myapp/listen.conf");

        assertThat(f.content()).isEqualTo("bind = 10.203.0.1:7000\nworkers = 4\nplane_cidr = 10.203.0.1/24\n"
                + "app_workers=4 ansible_host=203.0.113.40 \n");
        assertThat(f.kind()).isEqualTo("service:myapp");
        assertThat(f.mode()).isEqualTo(0644);
        assertThatThrownBy(() -> BUILT_IN.render(app)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("myapp/listen.conf.ftl not found").hasMessageContaining("--templates");
    }

    @Test
    void valuesThatWouldBreakAFileAreAllReportedAtOnce() {
        Fleet fleet = TestFleets.fleet()
                .host("db", h -> h.endpoint("203.0.113.30\nPostUp = rm -rf /").groups("g")
                        .publicInterface("eth0\" accept").var("wg_postgresql_version", "../../tmp"))
                .host("other", "203.0.113.31", "g")
                .plane("data", p -> p.members("g"))
                .service("postgresql", dev.wgform.model.ServiceKind.POSTGRESQL, "data", 0)
                .firewall(Backend.NFTABLES, Policy.STEALTH, false)
                .build();
        List<HostState> states = DesiredState.build(fleet, PublicKeys.none());

        InvalidInputException db = catchThrowableOfType(InvalidInputException.class, () -> BUILT_IN.render(host(states, "db")));
        assertThat(db.problems()).extracting(Problem::key).contains("wg_public_interface", "wg_postgresql_version");
        assertThat(db.getMessage()).doesNotContain("\nPostUp");

        InvalidInputException other = catchThrowableOfType(InvalidInputException.class, () -> BUILT_IN.render(host(states, "other")));
        assertThat(other.problems()).extracting(Problem::key).containsExactly("wg_endpoint");
        assertThat(other.problems().get(0).message()).contains("\\x0a");
    }

    @Test
    void twoServicesWritingOneFileAreRefused() {
        Fleet fleet = TestFleets.fleet()
                .host("app-1", "203.0.113.40", "apps")
                .plane("app", p -> p.members("apps"))
                .customService("one", "app", 1, "one.ftl", "/etc/app.conf")
                .customService("two", "app", 2, "two.ftl", "/etc/app.conf")
                .build();

        assertThatThrownBy(() -> BUILT_IN.render(DesiredState.build(fleet, PublicKeys.none()).get(0)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("service:one and service:two both write /etc/app.conf");
    }

    @Test
    void placeholderPatternsMatchWhatIsRendered() {
        assertThat(Placeholders.secret("/etc/wireguard/keys/wg-mgmt.key")).matches(Placeholders.SECRET);
        assertThat(Placeholders.publicKey("node-a", "mgmt")).matches(Placeholders.PUBLIC_KEY);
        assertThat(Map.of("a", Placeholders.secret("/x")).get("a")).isEqualTo("{{wgform-secret:/x}}");
    }
}
