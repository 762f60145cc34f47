package dev.wgform.planner;

import static dev.wgform.planner.TestFacts.applied;
import static dev.wgform.planner.TestFacts.desired;
import static dev.wgform.planner.TestFacts.render;
import static dev.wgform.planner.TestFacts.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.desired.HostState;
import dev.wgform.facts.HostFacts;
import dev.wgform.facts.LiveInterface;
import dev.wgform.facts.LivePeer;
import dev.wgform.plan.Action;
import dev.wgform.plan.Change;
import dev.wgform.plan.Effect;
import dev.wgform.plan.HostPlan;
import dev.wgform.plan.ResourceType;
import dev.wgform.render.RenderedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Planner rules one by one, each against facts built as "what apply would have left", then broken one way. */
class PlannerTest {
    private static final String MGMT = "/etc/wireguard/wg-mgmt.conf";
    private static final String DATA = "/etc/wireguard/wg-data.conf";
    private static final String NFT = "/etc/nftables.d/wgform.nft";
    private static final String SSHD = "/etc/ssh/sshd_config.d/wgform.conf";
    private static final String POSTGRES = "/etc/postgresql/15/main/conf.d/wgform.conf";

    private final List<HostState> mesh = desired(Scenarios.mesh());

    private HostPlan plan(String host, HostFacts facts) {
        HostState s = state(mesh, host);
        return Planner.plan(s, render(s), facts);
    }

    private static Change change(HostPlan p, ResourceType type, String name) {
        return p.change(type, name).orElseThrow(() -> new AssertionError("no " + type + " " + name + " in " + p.changes()));
    }

    @Test
    void hostsAsApplyLeftThemNeedNothing() {
        for (HostState s : mesh) {
            HostPlan p = Planner.plan(s, render(s), applied(s).build());
            assertThat(p.hasChanges()).as(s.host().name() + ": " + p.actionable()).isFalse();
            assertThat(p.changes()).allSatisfy(c -> assertThat(c.action()).isEqualTo(Action.NOOP));
            assertThat(p.notes()).isEmpty();
        }
    }

    @Test
    void theManifestMayRecordEitherTheInstalledOrTheRenderedHash() {
        HostState s = state(mesh, "db");
        List<RenderedFile> files = render(s);
        assertThat(Planner.plan(s, files, applied(s).manifestOfRenderedHashes(files).build()).hasChanges()).isFalse();
        assertThat(Planner.installedSha256(files.get(0))).isNotEqualTo(files.get(0).sha256())
                .isEqualTo(RenderedFile.sha256(TestFacts.redacted(files.get(0).content())));
        HostPlan without = Planner.plan(s, files, applied(s).withoutManifest().build());
        assertThat(without.actionable()).extracting(Change::type).containsExactly(ResourceType.MANIFEST);
        assertThat(without.actionable().get(0).action()).isEqualTo(Action.CREATE);
    }

    @Test
    void aFreshHostGetsKeysPsksFilesAndItsInterfacesUp() {
        HostPlan p = plan("db", TestFacts.fresh().build());

        Change key = change(p, ResourceType.PRIVATE_KEY, "wg-mgmt");
        assertThat(key.action()).isEqualTo(Action.CREATE);
        assertThat(key.effects()).containsExactly(new Effect.GenerateKey("wg-mgmt", "/etc/wireguard/keys/wg-mgmt.key"));
        assertThat(key.details()).contains("public key: (known after apply)");

        Change psk = change(p, ResourceType.PRESHARED_KEY, "psk wg-mgmt node-a");
        assertThat(psk.action()).isEqualTo(Action.CREATE);
        assertThat(psk.effects()).containsExactly(new Effect.PushPsk("wg-mgmt", "node-a", "/etc/wireguard/keys/wg-mgmt/node-a.psk"));
        assertThat(psk.details()).contains("value: (sensitive)");
        assertThat(p.change(ResourceType.PRESHARED_KEY, "psk wg-data node-a")).isEmpty(); // data has no PSKs

        Change config = change(p, ResourceType.WG_CONFIG, MGMT);
        assertThat(config.action()).isEqualTo(Action.CREATE);
        assertThat(config.effects()).containsExactly(new Effect.UpInterface("wg-mgmt"), new Effect.EnableAtBoot("wg-mgmt"));
        assertThat(config.file().orElseThrow().diff()).startsWith("--- /dev/null\n+++ " + MGMT + "\n@@ -0,0 +1,");
        assertThat(config.file().orElseThrow().newContent()).contains("PrivateKey = {{wgform-secret:/etc/wireguard/keys/wg-mgmt.key}}");
        assertThat(config.file().orElseThrow().diff()).contains("+PrivateKey = {{wgform-secret}}").doesNotContain("wg-mgmt.key}}");

        assertThat(change(p, ResourceType.FIREWALL, NFT).effects()).containsExactly(new Effect.LoadFirewall("nftables"));
        assertThat(change(p, ResourceType.SERVICE_CONFIG, SSHD).effects()).containsExactly(new Effect.ReloadService("sshd"));
        assertThat(change(p, ResourceType.SERVICE_CONFIG, POSTGRES).effects()).containsExactly(new Effect.RestartService("postgresql"));
        Change manifest = change(p, ResourceType.MANIFEST, "/var/lib/wgform/manifest.json");
        assertThat(manifest.action()).isEqualTo(Action.CREATE);
        assertThat(manifest.details()).contains("+ " + MGMT, "+ " + NFT);
        assertThat(p.changes().get(p.changes().size() - 1)).isEqualTo(manifest);
    }

    @Test
    void withoutSystemdANewInterfaceIsNotEnabledAtBoot() {
        HostPlan p = plan("db", TestFacts.fresh().systemd(false).build());
        assertThat(change(p, ResourceType.WG_CONFIG, MGMT).effects()).containsExactly(new Effect.UpInterface("wg-mgmt"));
    }

    @Test
    void turningPskOnIsALiveSyncAndPskPushesNotARestart() {
        dev.wgform.model.Fleet without = dev.wgform.desired.TestFleets.fleet()
                .host("node-a", "203.0.113.10", "core").host("node-b", "203.0.113.20", "core")
                .plane("mgmt", pl -> pl.subnet("10.200.0.0/24").port(51820).members("core")).build();
        dev.wgform.model.Fleet with = dev.wgform.desired.TestFleets.fleet()
                .host("node-a", "203.0.113.10", "core").host("node-b", "203.0.113.20", "core")
                .plane("mgmt", pl -> pl.subnet("10.200.0.0/24").port(51820).members("core").psk()).build();
        HostState now = state(desired(without), "node-a");
        HostState wanted = state(desired(with), "node-a");

        HostPlan p = Planner.plan(wanted, render(wanted), applied(now).build());

        Change config = change(p, ResourceType.WG_CONFIG, MGMT);
        assertThat(config.action()).isEqualTo(Action.UPDATE);
        assertThat(config.effects()).containsExactly(new Effect.LiveSync("wg-mgmt"));
        assertThat(change(p, ResourceType.PRESHARED_KEY, "psk wg-mgmt node-b").action()).isEqualTo(Action.CREATE);
        assertThat(p.actionable()).flatExtracting(Change::effects).noneMatch(e -> e instanceof Effect.RestartInterface);
    }

    @Test
    void aMovedPeerEndpointIsSyncedLiveWithoutARestart() {
        List<HostState> moved = desired(Scenarios.mesh("198.51.100.99", 51821, true));
        HostState nodeA = state(moved, "node-a");
        HostPlan p = Planner.plan(nodeA, render(nodeA), applied(state(mesh, "node-a")).build());

        Change mgmt = change(p, ResourceType.WG_CONFIG, MGMT);
        assertThat(mgmt.action()).isEqualTo(Action.UPDATE);
        assertThat(mgmt.effects()).containsExactly(new Effect.LiveSync("wg-mgmt"));
        assertThat(mgmt.details()).contains("peers changed only: live sync, no restart");
        assertThat(mgmt.file().orElseThrow().diff()).contains("-Endpoint = 203.0.113.20:51820\n+Endpoint = 198.51.100.99:51820\n");
        assertThat(change(p, ResourceType.WG_CONFIG, DATA).effects()).containsExactly(new Effect.LiveSync("wg-data"));
        assertThat(p.effects()).containsExactly(new Effect.LiveSync("wg-mgmt"), new Effect.LiveSync("wg-data"));
        assertThat(p.actionable()).extracting(Change::type).containsOnly(ResourceType.WG_CONFIG, ResourceType.MANIFEST);
    }

    @Test
    void aPortChangeRestartsThatInterfaceOnly() {
        List<HostState> moved = desired(Scenarios.mesh("203.0.113.20", 51999, true));
        for (HostState s : moved) {
            HostPlan p = Planner.plan(s, render(s), applied(state(mesh, s.host().name())).build());
            Change data = change(p, ResourceType.WG_CONFIG, DATA);
            assertThat(data.action()).isEqualTo(Action.UPDATE);
            assertThat(data.effects()).containsExactly(new Effect.RestartInterface("wg-data"));
            assertThat(data.details()).contains("[Interface] changed: restart");
            assertThat(change(p, ResourceType.WG_CONFIG, MGMT).action()).isEqualTo(Action.NOOP);
            assertThat(change(p, ResourceType.FIREWALL, NFT).effects()).containsExactly(new Effect.LoadFirewall("nftables"));
            assertThat(p.effects()).containsExactly(new Effect.RestartInterface("wg-data"), new Effect.LoadFirewall("nftables"));
        }
    }

    @Test
    void aRemovedPlaneIsDeletedAndItsInterfaceTakenDown() {
        List<HostState> without = desired(Scenarios.mesh("203.0.113.20", 51821, false));
        HostState db = state(without, "db");
        HostPlan p = Planner.plan(db, render(db), applied(state(mesh, "db")).build());

        Change data = change(p, ResourceType.WG_CONFIG, DATA);
        assertThat(data.action()).isEqualTo(Action.DELETE);
        assertThat(data.effects()).containsExactly(new Effect.DownInterface("wg-data"));
        assertThat(data.file().orElseThrow().diff()).startsWith("--- " + DATA + "\n+++ /dev/null\n@@ -1,");
        Change postgres = change(p, ResourceType.SERVICE_CONFIG, POSTGRES);
        assertThat(postgres.action()).isEqualTo(Action.DELETE);
        assertThat(postgres.effects()).containsExactly(new Effect.RestartService("postgresql"));
        assertThat(change(p, ResourceType.MANIFEST, "/var/lib/wgform/manifest.json").details()).contains("- " + DATA, "- " + POSTGRES);
        assertThat(change(p, ResourceType.WG_CONFIG, MGMT).action()).isEqualTo(Action.NOOP);

        // once apply has run, the smaller fleet is stable
        HostPlan after = Planner.plan(db, render(db), applied(db).build());
        assertThat(after.hasChanges()).isFalse();
    }

    @Test
    void aMissingKeyOnARunningInterfaceRestartsItAndPeersWaitForTheNewPublicKey() {
        HostPlan own = plan("node-b", applied(state(mesh, "node-b")).withoutKey("wg-mgmt").build());
        Change key = change(own, ResourceType.PRIVATE_KEY, "wg-mgmt");
        assertThat(key.effects()).containsExactly(new Effect.GenerateKey("wg-mgmt", "/etc/wireguard/keys/wg-mgmt.key"),
                new Effect.RestartInterface("wg-mgmt"));

        // node-a's view: node-b's key is pending until apply generated it
        List<HostState> pending = dev.wgform.desired.DesiredState.build(Scenarios.mesh(),
                (host, plane) -> host.equals("node-b") && plane.equals("mgmt") ? Optional.empty() : TestFacts.KEYS.of(host, plane));
        HostState nodeA = state(pending, "node-a");
        HostPlan peer = Planner.plan(nodeA, render(nodeA), applied(state(mesh, "node-a")).build());
        Change mgmt = change(peer, ResourceType.WG_CONFIG, MGMT);
        assertThat(mgmt.effects()).containsExactly(new Effect.LiveSync("wg-mgmt"));
        assertThat(mgmt.file().orElseThrow().diff()).contains("+PublicKey = (known after apply)");
        assertThat(mgmt.file().orElseThrow().newSha256()).isEmpty();
        assertThat(mgmt.file().orElseThrow().newContent()).contains("{{wgform-pubkey:node-b/mgmt}}");
        assertThat(change(peer, ResourceType.MANIFEST, "/var/lib/wgform/manifest.json").details()).containsExactly("~ " + MGMT);
    }

    @Test
    void aMissingPskIsPushedAndLiveSynced() {
        String path = "/etc/wireguard/keys/wg-mgmt/node-b.psk";
        HostPlan p = plan("node-a", applied(state(mesh, "node-a")).withoutPsk(path).build());
        Change psk = change(p, ResourceType.PRESHARED_KEY, "psk wg-mgmt node-b");
        assertThat(psk.action()).isEqualTo(Action.CREATE);
        assertThat(psk.effects()).containsExactly(new Effect.PushPsk("wg-mgmt", "node-b", path), new Effect.LiveSync("wg-mgmt"));
        assertThat(p.actionable()).containsExactly(psk);
    }

    @Test
    void aDownInterfaceWithARightConfigIsBroughtUp() {
        HostPlan p = plan("node-a", applied(state(mesh, "node-a")).down("wg-data").build());
        Change iface = change(p, ResourceType.INTERFACE, "wg-data");
        assertThat(iface.action()).isEqualTo(Action.UPDATE);
        assertThat(iface.effects()).containsExactly(new Effect.UpInterface("wg-data"));
        assertThat(p.actionable()).containsExactly(iface);
    }

    @Test
    void aChangedConfigOfADownInterfaceBringsItUpInsteadOfSyncing() {
        List<HostState> moved = desired(Scenarios.mesh("198.51.100.99", 51821, true));
        HostState nodeA = state(moved, "node-a");
        HostPlan p = Planner.plan(nodeA, render(nodeA), applied(state(mesh, "node-a")).down("wg-mgmt").build());
        assertThat(change(p, ResourceType.WG_CONFIG, MGMT).effects()).containsExactly(new Effect.UpInterface("wg-mgmt"));
        assertThat(change(p, ResourceType.INTERFACE, "wg-mgmt").action()).isEqualTo(Action.NOOP);
    }

    @Test
    void livePeersChangedByHandAreSyncedBackToTheConfig() {
        TestFacts.Builder facts = applied(state(mesh, "node-a"));
        LiveInterface live = facts.live("wg-mgmt");
        List<LivePeer> peers = new ArrayList<>(live.peers().subList(1, live.peers().size())); // one peer removed by hand
        peers.add(new LivePeer(TestFacts.publicKey("intruder", "mgmt"), false, Optional.empty(), List.of("10.200.0.99/32"), 0, 0, 0,
                OptionalInt.empty()));
        facts.live(new LiveInterface("wg-mgmt", live.publicKey(), live.listenPort(), peers));
        HostPlan p = plan("node-a", facts.build());

        Change iface = change(p, ResourceType.INTERFACE, "wg-mgmt");
        assertThat(iface.action()).isEqualTo(Action.UPDATE);
        assertThat(iface.effects()).containsExactly(new Effect.LiveSync("wg-mgmt"));
        assertThat(iface.details()).hasSize(2).anyMatch(d -> d.startsWith("live: peer ") && d.endsWith(" is missing"))
                .anyMatch(d -> d.startsWith("live: unexpected peer "));
        assertThat(change(p, ResourceType.WG_CONFIG, MGMT).action()).isEqualTo(Action.NOOP);
    }

    @Test
    void liveAllowedIpsAndListenPortAreComparedToo() {
        TestFacts.Builder facts = applied(state(mesh, "node-a"));
        LiveInterface live = facts.live("wg-data");
        LivePeer first = live.peers().get(0);
        List<LivePeer> peers = new ArrayList<>(live.peers());
        peers.set(0, new LivePeer(first.publicKey(), false, first.endpoint(), List.of("10.201.0.0/24"), 0, 0, 0, OptionalInt.empty()));
        facts.live(new LiveInterface("wg-data", live.publicKey(), OptionalInt.of(40000), peers));
        Change iface = change(plan("node-a", facts.build()), ResourceType.INTERFACE, "wg-data");
        assertThat(iface.details()).anyMatch(d -> d.contains("has allowed IPs 10.201.0.0/24 instead of 10.201.0.2/32"))
                .contains("live: listening on 40000 instead of 51821");
    }

    @Test
    void aHandEditedServiceFileIsRestoredAndItsServiceReloaded() {
        HostPlan p = plan("node-a", applied(state(mesh, "node-a")).editFile(SSHD, c -> c + "PermitRootLogin yes\n").build());
        Change sshd = change(p, ResourceType.SERVICE_CONFIG, SSHD);
        assertThat(sshd.action()).isEqualTo(Action.UPDATE);
        assertThat(sshd.effects()).containsExactly(new Effect.ReloadService("sshd"));
        assertThat(sshd.file().orElseThrow().diff()).endsWith("-PermitRootLogin yes\n");
        // the manifest records what wgform installed, which did not change
        assertThat(change(p, ResourceType.MANIFEST, "/var/lib/wgform/manifest.json").action()).isEqualTo(Action.NOOP);
    }

    @Test
    void aServiceThatIsNotRunningGetsItsFileOnly() {
        HostPlan p = plan("db", applied(state(mesh, "db")).withoutFile(POSTGRES).service("postgresql", false).build());
        Change postgres = change(p, ResourceType.SERVICE_CONFIG, POSTGRES);
        assertThat(postgres.action()).isEqualTo(Action.CREATE);
        assertThat(postgres.effects()).isEmpty();
        assertThat(p.notes()).containsExactly("postgresql is not running on db: file only");
    }

    @Test
    void aModeChangeAloneIsAnUpdateWithoutEffects() {
        HostPlan p = plan("node-a", applied(state(mesh, "node-a")).mode(MGMT, 0644).build());
        Change mgmt = change(p, ResourceType.WG_CONFIG, MGMT);
        assertThat(mgmt.action()).isEqualTo(Action.UPDATE);
        assertThat(mgmt.details()).containsExactly("mode 0644 -> 0600");
        assertThat(mgmt.effects()).isEmpty();
        assertThat(mgmt.file().orElseThrow().diff()).isEmpty();
    }

    @Test
    void aCommentOnlyEditLeavesTheInterfaceAlone() {
        HostPlan p = plan("node-a", applied(state(mesh, "node-a")).editFile(MGMT, c -> "# hello\n" + c).build());
        Change mgmt = change(p, ResourceType.WG_CONFIG, MGMT);
        assertThat(mgmt.action()).isEqualTo(Action.UPDATE);
        assertThat(mgmt.effects()).isEmpty();
        assertThat(mgmt.details()).contains("comments only: the interface is left alone");
    }

    @Test
    void aSecretLeftInAHostFileNeverReachesThePlan() {
        String secret = "cGxlYXNlLWRvLW5vdC1sZWFrLXRoaXMta2V5LWV2ZXI=";
        HostPlan p = plan("node-a", applied(state(mesh, "node-a"))
                .editFile(MGMT, c -> c.replaceFirst("PrivateKey = \\{\\{wgform-secret}}", "private key=" + secret)).build());
        Change mgmt = change(p, ResourceType.WG_CONFIG, MGMT);
        assertThat(mgmt.file().orElseThrow().diff()).doesNotContain(secret).contains("-private key={{wgform-secret}}");
        assertThat(mgmt.effects()).containsExactly(new Effect.RestartInterface("wg-mgmt"));
    }

    @Test
    void aHostInNoPlaneAnyMoreHasEverythingRemoved() {
        HostState db = state(mesh, "db");
        HostPlan p = Planner.planRemoval("db", applied(db).build());
        List<RenderedFile> files = render(db);
        assertThat(p.actionable()).extracting(Change::name)
                .containsAll(files.stream().map(RenderedFile::path).toList())
                .contains("/var/lib/wgform/manifest.json");
        assertThat(p.effects()).contains(new Effect.DownInterface("wg-mgmt"), new Effect.DownInterface("wg-data"));
    }
}
