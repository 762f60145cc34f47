package dev.wgform.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.desired.DesiredState;
import dev.wgform.desired.HostState;
import dev.wgform.desired.PublicKeys;
import dev.wgform.facts.HostFacts;
import dev.wgform.facts.OsInfo;
import dev.wgform.inventory.FleetLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PackageInstallTest {
    private static HostState db1() throws Exception {
        var fleet = FleetLoader.load(Path.of("inventories/four-plane.yml"), Path.of("playbooks/four-plane.yml")).fleet();
        return DesiredState.build(fleet, PublicKeys.none()).get(0);
    }

    private static HostFacts facts(String os, Map<String, String> tools) {
        return new HostFacts(new OsInfo(os, List.of(), "12"), false, tools, Map.of(), Optional.empty(), Map.of(), Map.of(), Map.of(), Map.of());
    }

    @Test
    void aHostWithEverythingNeedsNothing() throws Exception {
        HostFacts f = facts("debian", Map.of("wg", "/usr/bin/wg", "wg-quick", "/usr/bin/wg-quick", "nft", "/usr/sbin/nft"));
        assertThat(PackageInstall.missing(db1(), f)).isEmpty();
    }

    @Test
    void aBareDebianHostNeedsWireguardToolsAndNftablesFromApt() throws Exception {
        HostFacts f = facts("debian", Map.of());
        List<String> missing = PackageInstall.missing(db1(), f);
        assertThat(missing).containsExactly("wireguard-tools", "nftables");
        assertThat(PackageInstall.script(f, missing)).contains("apt-get install -y -q --no-install-recommends wireguard-tools nftables");
        assertThat(PackageInstall.note(missing)).contains("--install-packages");
    }

    @Test
    void rhelHostsUseDnf() throws Exception {
        HostFacts f = facts("rocky", Map.of());
        assertThat(PackageInstall.script(f, List.of("wireguard-tools"))).contains("dnf install -y -q wireguard-tools");
    }
}
