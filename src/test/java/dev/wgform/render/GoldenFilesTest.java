package dev.wgform.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.desired.DesiredState;
import dev.wgform.desired.HostState;
import dev.wgform.desired.PublicKeys;
import dev.wgform.inventory.FleetLoader;
import dev.wgform.model.Fleet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rendered files compared byte for byte with src/test/resources/golden/SCENARIO/HOST/PATH, plus a _files.txt
 * per host listing mode, kind and path. Run with -Dwgform.updateGolden=true to rewrite them, then review the
 * diff and commit it.
 */
class GoldenFilesTest {
    private static final Path GOLDEN = Paths.get("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("wgform.updateGolden");
    private static final Renderer RENDERER = new Renderer(java.util.Optional.empty());

    @Test
    void meshWithEveryBuiltInService() throws Exception {
        check("mesh-services", GoldenScenarios.meshServices(), GoldenScenarios.SOME_KEYS);
    }

    @Test
    void stealthHubWithFullTunnelClients() throws Exception {
        check("hub-stealth-full-tunnel", GoldenScenarios.hubStealthFullTunnel(), PublicKeys.none());
    }

    @Test
    void ipv6RelayBetweenNatdOffices() throws Exception {
        check("relay-nat-ipv6", GoldenScenarios.relayNatIpv6(), PublicKeys.none());
    }

    @Test
    void siteToSiteLanRoutes() throws Exception {
        check("site-to-site", GoldenScenarios.siteToSite(), PublicKeys.none());
    }

    @ParameterizedTest
    @ValueSource(strings = {"four-plane", "full-tunnel", "hub-spoke", "mesh-backplane", "relay-nat", "site-to-site", "stealth"})
    void theExampleFleets(String example) throws Exception {
        Fleet fleet = FleetLoader.load(Paths.get("inventories", example + ".yml"), Paths.get("playbooks", example + ".yml")).fleet();
        check("examples/" + example, fleet, PublicKeys.none());
    }

    private static void check(String scenario, Fleet fleet, PublicKeys keys) throws Exception {
        Map<String, String> actual = new TreeMap<>();
        for (HostState host : DesiredState.build(fleet, keys)) {
            List<RenderedFile> files = RENDERER.render(host);
            String name = host.host().name();
            for (RenderedFile f : files) actual.put(name + f.path(), f.content());
            actual.put(name + "/_files.txt", files.stream()
                    .map(f -> f.modeOctal() + " " + f.kind() + " " + f.path() + "\n").collect(Collectors.joining()));
        }
        Path dir = GOLDEN.resolve(scenario);
        if (UPDATE) {
            write(dir, actual);
            return;
        }
        assertThat(Files.isDirectory(dir)).as("no golden files for %s: run with -Dwgform.updateGolden=true", scenario).isTrue();
        Map<String, String> expected = read(dir);
        assertThat(actual.keySet()).as("files rendered for %s", scenario).containsExactlyElementsOf(expected.keySet());
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertThat(actual.get(e.getKey())).as("%s/%s", scenario, e.getKey()).isEqualTo(e.getValue());
        }
    }

    private static void write(Path dir, Map<String, String> files) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) Files.delete(p);
            }
        }
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path file = dir.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Byte for byte: read as bytes and decoded strictly, so a stray encoding difference fails too. */
    private static Map<String, String> read(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            all.filter(Files::isRegularFile).forEach(p -> {
                try {
                    String key = dir.relativize(p).toString().replace('\\', '/');
                    files.put(key, StandardCharsets.UTF_8.newDecoder()
                            .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(p))).toString());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return files;
    }
}
