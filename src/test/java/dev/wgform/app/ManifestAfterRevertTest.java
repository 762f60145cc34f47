package dev.wgform.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.facts.HostFacts;
import dev.wgform.facts.Manifest;
import dev.wgform.facts.Manifest.ManagedFile;
import dev.wgform.facts.OsInfo;
import dev.wgform.planner.Planner;
import dev.wgform.render.RenderedFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the manifest says once a confirmed apply's watchdog has put the old firewall and sshd files back. */
class ManifestAfterRevertTest {
    static final String WG = "/etc/wireguard/wg-mgmt.conf";
    static final String NFT = "/etc/nftables.d/wgform.nft";
    static final String SSHD = "/etc/ssh/sshd_config.d/wgform.conf";
    static final String OLD_NFT_SHA = "a".repeat(64);
    static final String OLD_WG_SHA = "b".repeat(64);

    static HostFacts factsWith(Optional<Manifest> manifest) {
        return new HostFacts(new OsInfo("debian", List.of(), "12"), false, Map.of(), Map.of(), manifest, Map.of(), Map.of(), Map.of(), Map.of());
    }

    static final List<RenderedFile> RENDERED = List.of(
            RenderedFile.of(WG, "[Interface]\n", 0600, "wg"),
            RenderedFile.of(NFT, "table inet wgform {}\n# new: drops ssh\n", 0600, "firewall"),
            RenderedFile.of(SSHD, "ListenAddress 10.200.0.1\n", 0600, "service:sshd"));

    @Test
    void revertedFilesGetTheirOldEntriesBackInTheNewOrderAndTheRestStaysNew() {
        HostFacts facts = factsWith(Optional.of(new Manifest(1, List.of(
                new ManagedFile(WG, "wg", OLD_WG_SHA), new ManagedFile(NFT, "firewall", OLD_NFT_SHA)))));

        Manifest after = Manifest.parse(InstallRequests.manifestAfterRevert(RENDERED, facts, List.of(NFT, SSHD)));

        assertThat(after.files()).containsExactly(
                new ManagedFile(WG, "wg", Planner.installedSha256(RENDERED.get(0))), // not reverted: what this run installed
                new ManagedFile(NFT, "firewall", OLD_NFT_SHA)); // reverted; the drop-in was not wgform's before: no entry
    }

    @Test
    void aRevertedDeletionComesBackAndAHostWithoutAManifestGetsNoOldEntries() {
        HostFacts withOld = factsWith(Optional.of(new Manifest(1, List.of(new ManagedFile(NFT, "firewall", OLD_NFT_SHA)))));
        List<RenderedFile> withoutFirewall = List.of(RENDERED.get(0));
        assertThat(Manifest.parse(InstallRequests.manifestAfterRevert(withoutFirewall, withOld, List.of(NFT))).files())
                .extracting(ManagedFile::path).containsExactly(WG, NFT);

        assertThat(Manifest.parse(InstallRequests.manifestAfterRevert(RENDERED, factsWith(Optional.empty()), List.of(NFT, SSHD))).files())
                .extracting(ManagedFile::path).containsExactly(WG);
    }
}
