package dev.wgform.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.apply.InstallResult.Status;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The install script killed with SIGKILL at chosen points (a fake tool kills its "sh -s" ancestors): every target
 * is then either its old or its new content, never partial; the next run removes the temp files left behind.
 */
class CrashTest {
    static final String A = "/etc/wireguard/wg-a.conf";
    static final String B = "/etc/ssh/sshd_config.d/wgform.conf";
    static final String NFT = "/etc/nftables.d/wgform.nft";

    private final FakeHost host = new FakeHost().withCrashWrappers();

    @AfterEach
    void cleanUp() {
        host.close();
    }

    private InstallRequest request() {
        return new InstallRequest("run-1",
                List.of(new FileWrite(A, "new a\n".repeat(500), 0600, "wg"), new FileWrite(B, "new b\n".repeat(500), 0644, "service:sshd"),
                        new FileWrite(NFT, "new nft\n", 0644, "firewall")),
                List.of(), List.of(), List.of(), Optional.of(FirewallStep.nftables(NFT, "inet wgform")), "{}", true);
    }

    private void oldFiles() {
        host.write(A, "old a\n", "rw-------");
        host.write(B, "old b\n", "rw-r--r--");
        host.write(NFT, "old nft\n", "rw-r--r--");
    }

    private InstallResult crashAt(String point) {
        FakeHost.Run run = host.run(InstallScript.build(request()), Map.of("FAKE_KILL", point));
        assertThat(run.exit()).as("killed").isEqualTo(137);
        assertThat(host.calls()).anyMatch(c -> c.startsWith("KILL at "));
        return InstallResult.parse(run.stdout(), run.exit());
    }

    private void assertEachOldOrNew() {
        assertThat(host.read(A)).isIn("old a\n", "new a\n".repeat(500));
        assertThat(host.read(B)).isIn("old b\n", "new b\n".repeat(500));
        assertThat(host.read(NFT)).isIn("old nft\n", "new nft\n");
    }

    private void rerunCleansUp() {
        host.env.remove("FAKE_KILL");
        FakeHost.Run run = host.run(InstallScript.build(request()));
        assertThat(InstallResult.parse(run.stdout(), run.exit()).status()).isEqualTo(Status.OK);
        assertThat(host.read(A)).isEqualTo("new a\n".repeat(500));
        assertThat(host.tempFiles()).isEmpty();
    }

    @Test
    void killedWhileStagingLeavesEveryTargetOld() {
        oldFiles();
        InstallResult r = crashAt("base64:2"); // the first file is staged, the second is being decoded

        assertThat(r.status()).isEqualTo(Status.INTERRUPTED);
        assertThat(host.read(A)).isEqualTo("old a\n");
        assertThat(host.read(B)).isEqualTo("old b\n");
        assertThat(host.tempFiles()).anyMatch(t -> t.startsWith("/etc/wireguard/.wgform."));
        rerunCleansUp();
    }

    @Test
    void killedBetweenTwoRenamesLeavesOneNewOneOldBothWhole() {
        oldFiles();
        crashAt("mv:2"); // the first rename of the commit phase happened, the second never runs

        assertEachOldOrNew();
        assertThat(host.read(A)).isEqualTo("new a\n".repeat(500));
        assertThat(host.read(B)).isEqualTo("old b\n");
        assertThat(host.read("/var/lib/wgform/backup/run-1" + B)).isEqualTo("old b\n");
        rerunCleansUp();
    }

    @Test
    void killedDuringEffectsLeavesEveryFileNewAndWhole() {
        oldFiles();
        crashAt("nft-check:1");

        assertThat(host.read(A)).isEqualTo("new a\n".repeat(500));
        assertThat(host.read(B)).isEqualTo("new b\n".repeat(500));
        assertThat(host.calls()).noneMatch(c -> c.startsWith("nft -f"));
        rerunCleansUp();
    }

    @Test
    void aScriptCutShortInTransitDoesNothingAtAll() {
        oldFiles();
        String script = InstallScript.build(request());
        int cut = script.indexOf("mv -f \"$tw1\""); // after the first rename's line, before the second's
        FakeHost.Run run = host.run(script.substring(0, cut));

        assertThat(InstallResult.parse(run.stdout(), run.exit()).status()).isEqualTo(Status.INTERRUPTED);
        assertThat(run.stdout()).doesNotContain("@@");
        assertThat(host.read(A)).isEqualTo("old a\n");
        assertThat(host.read(B)).isEqualTo("old b\n");
        assertThat(host.calls()).isEmpty();
    }
}
