package dev.wgform.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wgform.desired.DesiredState;
import dev.wgform.desired.HostState;
import dev.wgform.desired.PublicKeys;
import dev.wgform.desired.TestFleets;
import dev.wgform.model.Fleet;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rendered files checked by the real tools when this machine has them (skipped otherwise). */
class SystemToolsTest {
    private static final Path WG_QUICK = Paths.get("/usr/bin/wg-quick");
    private static final Path NFT = Paths.get("/usr/sbin/nft");
    private static final Renderer RENDERER = new Renderer(Optional.empty());

    @TempDir
    Path dir;

    @Test
    void wgQuickStripAcceptsEveryMeshConfigWithNMinusOnePeers() throws Exception {
        assumeTrue(Files.isExecutable(WG_QUICK), "wg-quick is not installed");
        assumeTrue("root".equals(System.getProperty("user.name")), "wg-quick re-runs itself through sudo unless root");
        int n = 6;
        TestFleets.Builder b = TestFleets.fleet();
        for (int i = 1; i <= n; i++) b.host("node-" + i, "198.51.100." + i, "mesh");
        Fleet fleet = b.plane("mgmt", p -> p.members("mesh").psk().mtu(1420)).build();

        for (HostState host : DesiredState.build(fleet, PublicKeys.none())) {
            RenderedFile wg = RENDERER.render(host).get(0);
            Result r = strip(wg);
            assertThat(r.exit).as(r.err).isZero();
            assertThat(count(r.out, "[Peer]")).isEqualTo(n - 1);
            assertThat(r.out).contains("PrivateKey = {{wgform-secret:").doesNotContain("Address =").doesNotContain("MTU =");
        }
    }

    @Test
    void wgQuickStripAcceptsHubAndFullTunnelConfigs() throws Exception {
        assumeTrue(Files.isExecutable(WG_QUICK), "wg-quick is not installed");
        assumeTrue("root".equals(System.getProperty("user.name")), "wg-quick re-runs itself through sudo unless root");

        for (HostState host : DesiredState.build(GoldenScenarios.hubStealthFullTunnel(), PublicKeys.none())) {
            Result r = strip(RENDERER.render(host).get(0));
            assertThat(r.exit).as(r.err).isZero();
            assertThat(r.out).doesNotContain("DNS =").doesNotContain("PostUp =");
            assertThat(count(r.out, "[Peer]")).isEqualTo(host.host().name().equals("hub") ? 3 : 1);
        }
    }

    @Test
    void nftAcceptsTheRenderedRuleset() throws Exception {
        assumeTrue(Files.isExecutable(NFT), "nft is not installed");
        Path probe = dir.resolve("probe.nft");
        Files.writeString(probe, "table inet wgform_probe\n");
        assumeTrue(run(List.of(NFT.toString(), "-c", "-f", probe.toString())).exit == 0, "nft -c cannot run here");

        for (Fleet fleet : List.of(GoldenScenarios.meshServices(), GoldenScenarios.hubStealthFullTunnel())) {
            for (HostState host : DesiredState.build(fleet, PublicKeys.none())) {
                for (RenderedFile f : RENDERER.render(host)) {
                    if (!f.path().endsWith(".nft")) continue;
                    Path file = dir.resolve(host.host().name() + ".nft");
                    Files.writeString(file, f.content());
                    Result r = run(List.of(NFT.toString(), "-c", "-f", file.toString()));
                    assertThat(r.exit).as(host.host().name() + ": " + r.err).isZero();
                }
            }
        }
    }

    private Result strip(RenderedFile wg) throws Exception {
        String name = wg.path().substring(wg.path().lastIndexOf('/') + 1);
        Path sub = Files.createTempDirectory(dir, "wg");
        Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwx------"));
        Path file = sub.resolve(name);
        Files.writeString(file, wg.content());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return run(List.of(WG_QUICK.toString(), "strip", file.toString()));
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
        return n;
    }

    private record Result(int exit, String out, String err) {}

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectInput(new File("/dev/null")).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
