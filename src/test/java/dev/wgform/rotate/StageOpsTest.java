package dev.wgform.rotate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wgform.apply.RotationOp;
import dev.wgform.apply.RotationOp.AwaitHandshakes;
import dev.wgform.apply.RotationOp.Demote;
import dev.wgform.apply.RotationOp.Drop;
import dev.wgform.apply.RotationOp.LiveKey;
import dev.wgform.apply.RotationOp.LivePsk;
import dev.wgform.apply.RotationOp.Move;
import dev.wgform.apply.RotationOp.Ping;
import dev.wgform.apply.RotationOp.Prepare;
import dev.wgform.apply.RotationOp.Probe;
import dev.wgform.apply.RotationOp.Promote;
import dev.wgform.apply.RotationOp.PushNextPsk;
import dev.wgform.apply.RotationOp.Restore;
import dev.wgform.apply.RotationOp.Unstage;
import dev.wgform.crypto.Secret;
import dev.wgform.desired.DesiredState;
import dev.wgform.desired.PublicKeys;
import dev.wgform.desired.TestFleets;
import dev.wgform.model.Fleet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Which ops each stage runs on which host, from a desired state built by the real DesiredState: node-a and node-b
 * are dialled hosts, home sits behind NAT (no endpoint on the others, keepalive 25 towards them); PSK per pair.
 */
class StageOpsTest {
    static final String IF = "wg-mgmt";
    static final String KEY = "/etc/wireguard/keys/wg-mgmt.key";
    static final String A_OLD = RotationKeys.key("node-a old");
    static final String A_NEW = RotationKeys.key("node-a new");
    static final String B_OLD = RotationKeys.key("node-b old");
    static final String B_NEW = RotationKeys.key("node-b new");
    static final String H_OLD = RotationKeys.key("home old");
    static final String H_NEW = RotationKeys.key("home new");
    static final String A_ENDPOINT = "203.0.113.10:51820";
    static final String B_ENDPOINT = "203.0.113.20:51820";
    static final Map<String, String> CURRENT = Map.of("node-a", A_OLD, "node-b", B_OLD, "home", H_OLD);

    static Fleet mesh() {
        return TestFleets.fleet()
                .host("node-a", "203.0.113.10", "core")
                .host("node-b", "203.0.113.20", "core")
                .host("home", h -> h.endpoint("10.0.0.5").nat().groups("core"))
                .host("outsider", "203.0.113.99", "other")
                .plane("mgmt", p -> p.subnet("10.200.0.0/24").port(51820).members("core").psk())
                .build();
    }

    static final PlaneMembers MESH = PlaneMembers.of("mgmt", DesiredState.build(mesh(), PublicKeys.none()));

    /** The pair's PSK file on {@code host}: named after the other side. */
    static String psk(String otherSide) {
        return "/etc/wireguard/keys/wg-mgmt/" + otherSide + ".psk";
    }

    /** A journal of {@code hosts} in one batch, each prepared with its keys (and swapped at 1000 + its index). */
    static RotationJournal journal(boolean rotatePsk, Stage stage, String... hosts) {
        RotationJournal j = RotationJournal.start("mgmt", IF, rotatePsk, Instant.parse("2026-01-02T03:04:05Z"), List.of(hosts), hosts.length);
        List<HostRotation> changed = new ArrayList<>();
        for (int i = 0; i < hosts.length; i++) {
            HostRotation h = j.hosts().get(i).prepared(CURRENT.get(hosts[i]), newKeyOf(hosts[i]));
            if (stage.compareTo(Stage.SWAPPED) >= 0) h = h.swapped(1000 + i);
            changed.add(h.at(stage));
        }
        return j.with(changed);
    }

    static String newKeyOf(String host) {
        return Map.of("node-a", A_NEW, "node-b", B_NEW, "home", H_NEW).get(host);
    }

    static StageOps ops(RotationJournal j) {
        return new StageOps(MESH, j, CURRENT);
    }

    /** The pair's next PSK, the same secret whichever side asks (what RotateService does); remembers who asked. */
    static final class Psks implements BiFunction<String, String, Secret> {
        final Map<String, Secret> byPair = new LinkedHashMap<>();
        final List<String> asked = new ArrayList<>();

        @Override
        public Secret apply(String a, String b) {
            asked.add(a + "->" + b);
            return byPair.computeIfAbsent(a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a, k -> Secret.randomPsk());
        }

        Secret of(String a, String b) {
            return byPair.get(a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a);
        }
    }

    @Test
    void membersAreThePlanesHostsWithTheirPeersAndAddresses() {
        assertThat(MESH.hosts()).containsExactly("node-a", "node-b", "home");
        assertThat(MESH.contains("outsider")).isFalse();
        assertThat(MESH.peersOf("node-a")).containsExactly("node-b", "home");
        assertThat(MESH.address("home")).isEqualTo("10.200.0.3");
        assertThat(MESH.entry("node-a", "home").orElseThrow().endpoint()).isEmpty();
        assertThat(MESH.entry("home", "node-a").orElseThrow().keepalive()).hasValue(25);
        assertThatThrownBy(() -> MESH.iface("outsider")).hasMessageContaining("outsider is not a member of plane mgmt");
    }

    @Test
    void prepareMakesTheNextKeyOnEachRotatingHostOnly() {
        RotationJournal j = RotationJournal.start("mgmt", IF, false, Instant.EPOCH, List.of("node-a", "home"), 2);

        assertThat(ops(j).prepare(j.batch(0), true)).containsExactly(
                Map.entry("node-a", List.of(new Prepare(IF, KEY, true))),
                Map.entry("home", List.of(new Prepare(IF, KEY, true))));
        assertThat(ops(j).prepare(j.batch(0), false).get("home")).containsExactly(new Prepare(IF, KEY, false));
    }

    @Test
    void distributeStagesTheNewKeyOnEveryPeerWithItsEndpointAndTheCurrentPsk() {
        RotationJournal j = journal(false, Stage.PREPARED, "node-a");
        Psks psks = new Psks();

        Map<String, List<RotationOp>> ops = ops(j).distribute(j.batch(0), psks);

        assertThat(ops).containsOnlyKeys("node-b", "home");
        assertThat(ops.get("node-b")).containsExactly(new RotationOp.Stage(IF, A_NEW, A_ENDPOINT, psk("node-a")));
        assertThat(ops.get("home")).containsExactly(new RotationOp.Stage(IF, A_NEW, A_ENDPOINT, psk("node-a")));
        assertThat(psks.asked).as("no PSK is made when PSKs do not rotate").isEmpty();
    }

    @Test
    void distributeOfAHostBehindNatStagesItWithoutEndpoint() {
        RotationJournal j = journal(false, Stage.PREPARED, "home");

        Map<String, List<RotationOp>> ops = ops(j).distribute(j.batch(0), new Psks());

        assertThat(ops.get("node-a")).containsExactly(new RotationOp.Stage(IF, H_NEW, "", psk("home")));
        assertThat(ops.get("node-b")).containsExactly(new RotationOp.Stage(IF, H_NEW, "", psk("home")));
    }

    @Test
    void distributeWithPskRotationPushesThePairsNextPskToBothSidesAndStagesWithIt() {
        RotationJournal j = journal(true, Stage.PREPARED, "node-a");
        Psks psks = new Psks();

        Map<String, List<RotationOp>> ops = ops(j).distribute(j.batch(0), psks);

        Secret ab = psks.of("node-a", "node-b");
        Secret ah = psks.of("node-a", "home");
        assertThat(ops.get("node-b")).containsExactly(new PushNextPsk(psk("node-a"), ab),
                new RotationOp.Stage(IF, A_NEW, A_ENDPOINT, psk("node-a") + ".next"));
        assertThat(ops.get("home")).containsExactly(new PushNextPsk(psk("node-a"), ah),
                new RotationOp.Stage(IF, A_NEW, A_ENDPOINT, psk("node-a") + ".next"));
        assertThat(ops.get("node-a")).containsExactly(new PushNextPsk(psk("node-b"), ab), new PushNextPsk(psk("home"), ah));
        assertThat(ab).isNotSameAs(ah);
    }

    @Test
    void twoRotatingPeersInOneBatchShareOnePskAndStageEachOther() {
        RotationJournal j = journal(true, Stage.PREPARED, "node-a", "node-b");
        Psks psks = new Psks();

        Map<String, List<RotationOp>> ops = ops(j).distribute(j.batch(0), psks);

        assertThat(psks.asked).contains("node-a->node-b", "node-b->node-a");
        Secret ab = psks.of("node-a", "node-b");
        Secret ah = psks.of("node-a", "home");
        Secret bh = psks.of("node-b", "home");
        assertThat(ops.get("node-a")).containsExactly(
                new PushNextPsk(psk("node-b"), ab),
                new PushNextPsk(psk("home"), ah),
                new RotationOp.Stage(IF, B_NEW, B_ENDPOINT, psk("node-b") + ".next"));
        assertThat(ops.get("node-b")).containsExactly(
                new PushNextPsk(psk("node-a"), ab),
                new RotationOp.Stage(IF, A_NEW, A_ENDPOINT, psk("node-a") + ".next"),
                new PushNextPsk(psk("home"), bh));
        assertThat(ops.get("home")).containsExactly(
                new PushNextPsk(psk("node-a"), ah),
                new RotationOp.Stage(IF, A_NEW, A_ENDPOINT, psk("node-a") + ".next"),
                new PushNextPsk(psk("node-b"), bh),
                new RotationOp.Stage(IF, B_NEW, B_ENDPOINT, psk("node-b") + ".next"));
        // each pair's PSK file is written once per side, with the one secret the two sides share
        long pushesOfAb = ops.values().stream().flatMap(List::stream)
                .filter(o -> o instanceof PushNextPsk && ((PushNextPsk) o).psk() == ab).count();
        assertThat(pushesOfAb).isEqualTo(2);
    }

    @Test
    void swapPromotesAndTakesTheNewKeyLiveThenPeersMoveWithTheirAllowedIpsAndKeepalive() {
        RotationJournal j = journal(false, Stage.DISTRIBUTED, "node-a");

        Map<String, List<RotationOp>> ops = ops(j).swap(j.batch(0));

        assertThat(ops).containsOnlyKeys("node-a", "node-b", "home");
        assertThat(ops.keySet()).first().isEqualTo("node-a");
        assertThat(ops.get("node-a")).containsExactly(new Promote(KEY), new LiveKey(IF, KEY));
        assertThat(ops.get("node-b")).containsExactly(new Move(IF, A_NEW, A_OLD, List.of("10.200.0.1/32"), 0));
        assertThat(ops.get("home")).containsExactly(new Move(IF, A_NEW, A_OLD, List.of("10.200.0.1/32"), 25));
    }

    @Test
    void swapWithPskRotationSetsTheNewPskOnThePeersNewKeyWhenItRotatesTooAndOnItsCurrentKeyOtherwise() {
        RotationJournal j = journal(true, Stage.DISTRIBUTED, "node-a", "node-b");

        Map<String, List<RotationOp>> ops = ops(j).swap(j.batch(0));

        assertThat(ops.get("node-a")).containsExactly(
                new Promote(KEY), new LiveKey(IF, KEY),
                new Promote(psk("node-b")), new LivePsk(IF, B_NEW, psk("node-b")),
                new Promote(psk("home")), new LivePsk(IF, H_OLD, psk("home")),
                new Move(IF, B_NEW, B_OLD, List.of("10.200.0.2/32"), 0));
        assertThat(ops.get("node-b")).containsExactly(
                new Promote(KEY), new LiveKey(IF, KEY),
                new Promote(psk("node-a")), new LivePsk(IF, A_NEW, psk("node-a")),
                new Promote(psk("home")), new LivePsk(IF, H_OLD, psk("home")),
                new Move(IF, A_NEW, A_OLD, List.of("10.200.0.1/32"), 0));
        assertThat(ops.get("home")).containsExactly(
                new Promote(psk("node-a")), new Move(IF, A_NEW, A_OLD, List.of("10.200.0.1/32"), 25),
                new Promote(psk("node-b")), new Move(IF, B_NEW, B_OLD, List.of("10.200.0.2/32"), 25));
    }

    @Test
    void verifyWaitsForHandshakesWithEachPeersLiveKeyAndPeersPingTheRotatedHost() {
        RotationJournal j = journal(false, Stage.SWAPPED, "node-a", "node-b");

        Map<String, List<RotationOp>> ops = ops(j).verify(j.batch(0), 7);

        assertThat(ops.get("node-a")).containsExactly(
                new AwaitHandshakes(IF, 1000, 7, List.of(new Probe(B_NEW, "10.200.0.2"), new Probe(H_OLD, "10.200.0.3"))),
                new Ping("10.200.0.2", 7));
        assertThat(ops.get("node-b")).containsExactly(
                new AwaitHandshakes(IF, 1001, 7, List.of(new Probe(A_NEW, "10.200.0.1"), new Probe(H_OLD, "10.200.0.3"))),
                new Ping("10.200.0.1", 7));
        assertThat(ops.get("home")).containsExactly(new Ping("10.200.0.1", 7), new Ping("10.200.0.2", 7));
    }

    @Test
    void verifyRefusesAHostWithoutASwapTime() {
        RotationJournal j = journal(false, Stage.DISTRIBUTED, "node-a");

        assertThatThrownBy(() -> ops(j).verify(j.batch(0), 5)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("node-a has no swap time");
    }

    @Test
    void commitDropsTheOldKeyAndWithPskRotationBothSidesOldPsks() {
        RotationJournal plain = journal(false, Stage.VERIFIED, "node-a");
        assertThat(ops(plain).commit(plain.batch(0))).containsExactly(Map.entry("node-a", List.of(new Drop(KEY + ".prev"))));

        RotationJournal withPsk = journal(true, Stage.VERIFIED, "node-a");
        Map<String, List<RotationOp>> ops = ops(withPsk).commit(withPsk.batch(0));
        assertThat(ops.get("node-a")).containsExactly(new Drop(KEY + ".prev"), new Drop(psk("node-b") + ".prev"),
                new Drop(psk("home") + ".prev"));
        assertThat(ops.get("node-b")).containsExactly(new Drop(psk("node-a") + ".prev"));
        assertThat(ops.get("home")).containsExactly(new Drop(psk("node-a") + ".prev"));
    }

    @Test
    void rollbackPutsTheFailedHostBackAndItsPeersRestoreItsOldEntryWhileTheRestOfTheBatchKeepsItsNewKey() {
        RotationJournal j = journal(true, Stage.SWAPPED, "node-a", "node-b");
        HostRotation a = j.host("node-a").orElseThrow();

        Map<String, List<RotationOp>> ops = ops(j).rollback(j.batch(0), List.of(a));

        assertThat(ops.get("node-a")).containsExactly(
                new Demote(KEY), new LiveKey(IF, KEY),
                new Demote(psk("node-b")), new LivePsk(IF, B_NEW, psk("node-b")),
                new Demote(psk("home")), new LivePsk(IF, H_OLD, psk("home")));
        assertThat(ops.get("node-b")).containsExactly(new Demote(psk("node-a")),
                new Restore(IF, A_OLD, A_NEW, List.of("10.200.0.1/32"), A_ENDPOINT, 0, psk("node-a")));
        assertThat(ops.get("home")).containsExactly(new Demote(psk("node-a")),
                new Restore(IF, A_OLD, A_NEW, List.of("10.200.0.1/32"), A_ENDPOINT, 25, psk("node-a")));
        assertThat(ops.get("node-b")).as("node-b keeps its new key").doesNotContain(new Demote(KEY), new LiveKey(IF, KEY));
    }

    @Test
    void rollbackOfTheWholeBatchTargetsTheOtherFailedHostsOldKey() {
        RotationJournal j = journal(true, Stage.SWAPPED, "node-a", "node-b");

        Map<String, List<RotationOp>> ops = ops(j).rollback(j.batch(0), j.batch(0));

        assertThat(ops.get("node-a")).containsExactly(
                new Demote(KEY), new LiveKey(IF, KEY),
                new Demote(psk("node-b")), new LivePsk(IF, B_OLD, psk("node-b")),
                new Demote(psk("home")), new LivePsk(IF, H_OLD, psk("home")),
                new Restore(IF, B_OLD, B_NEW, List.of("10.200.0.2/32"), B_ENDPOINT, 0, psk("node-b")));
        assertThat(ops.get("home")).containsExactly(
                new Demote(psk("node-a")), new Restore(IF, A_OLD, A_NEW, List.of("10.200.0.1/32"), A_ENDPOINT, 25, psk("node-a")),
                new Demote(psk("node-b")), new Restore(IF, B_OLD, B_NEW, List.of("10.200.0.2/32"), B_ENDPOINT, 25, psk("node-b")));
    }

    @Test
    void rollbackWithoutPskRotationRestoresTheNatHostWithoutEndpointButWithThePairsPsk() {
        RotationJournal j = journal(false, Stage.SWAPPED, "home");

        Map<String, List<RotationOp>> ops = ops(j).rollback(j.batch(0), j.batch(0));

        assertThat(ops.get("home")).containsExactly(new Demote(KEY), new LiveKey(IF, KEY));
        assertThat(ops.get("node-a")).containsExactly(new Restore(IF, H_OLD, H_NEW, List.of("10.200.0.3/32"), "", 0, psk("home")));
        assertThat(ops.get("node-b")).containsExactly(new Restore(IF, H_OLD, H_NEW, List.of("10.200.0.3/32"), "", 0, psk("home")));
    }

    @Test
    void abortRemovesNextFilesAndStagedEntries() {
        RotationJournal j = journal(true, Stage.DISTRIBUTED, "node-a");

        Map<String, List<RotationOp>> ops = ops(j).abort(j.batch(0));

        assertThat(ops.get("node-a")).containsExactly(new Drop(KEY + ".next"), new Drop(psk("node-b") + ".next"),
                new Drop(psk("home") + ".next"));
        assertThat(ops.get("node-b")).containsExactly(new Unstage(IF, A_NEW), new Drop(psk("node-a") + ".next"));
        assertThat(ops.get("home")).containsExactly(new Unstage(IF, A_NEW), new Drop(psk("node-a") + ".next"));
    }

    @Test
    void abortBeforeTheNewKeyIsKnownOnlyRemovesFiles() {
        RotationJournal j = RotationJournal.start("mgmt", IF, false, Instant.EPOCH, List.of("node-a"), 1);

        assertThat(ops(j).abort(j.batch(0))).containsExactly(Map.entry("node-a", List.of(new Drop(KEY + ".next"))));
    }

    @Test
    void pskRotationOnAPlaneWithoutPsksAndUnknownKeysAreRefused() {
        Fleet noPsk = TestFleets.fleet().host("a", "198.51.100.1", "g").host("b", "198.51.100.2", "g")
                .plane("data", p -> p.members("g")).build();
        PlaneMembers members = PlaneMembers.of("data", DesiredState.build(noPsk, PublicKeys.none()));
        RotationJournal j = RotationJournal.start("data", "wg-data", true, Instant.EPOCH, List.of("a"), 1);
        HostRotation a = j.batch(0).get(0).prepared(A_OLD, A_NEW);
        RotationJournal prepared = j.with(List.of(a));

        assertThatThrownBy(() -> new StageOps(members, prepared, Map.of()).distribute(prepared.batch(0), new Psks()))
                .hasMessageContaining("plane has no PSKs to rotate");
        RotationJournal swapped = prepared.with(List.of(a.swapped(5)));
        assertThatThrownBy(() -> new StageOps(members, swapped, Map.of()).verify(swapped.batch(0), 1))
                .hasMessageContaining("the public key of b is not known");
    }

    @Test
    void aSpokeRotatingTouchesOnlyTheHub() {
        Fleet fleet = TestFleets.fleet()
                .host("hub", "203.0.113.1", "core")
                .host("laptop-1", h -> h.endpoint("198.51.100.11").groups("laptops"))
                .host("laptop-2", h -> h.endpoint("198.51.100.12").groups("laptops"))
                .host("server", "203.0.113.5", "core")
                .plane("roam", p -> p.subnet("10.210.0.0/24").port(443).hub("hub").members("core", "laptops"))
                .build();
        PlaneMembers hub = PlaneMembers.of("roam", DesiredState.build(fleet, PublicKeys.none()));
        String hubKey = RotationKeys.key("hub");
        String oldKey = RotationKeys.key("laptop-1 old");
        String newKey = RotationKeys.key("laptop-1 new");
        Map<String, String> current = new HashMap<>(Map.of("hub", hubKey, "laptop-1", oldKey,
                "laptop-2", RotationKeys.key("laptop-2"), "server", RotationKeys.key("server")));
        RotationJournal j = RotationJournal.start("roam", "wg-roam", false, Instant.EPOCH, List.of("laptop-1"), 1);
        RotationJournal prepared = j.with(List.of(j.batch(0).get(0).prepared(oldKey, newKey)));
        RotationJournal swapped = prepared.with(List.of(prepared.batch(0).get(0).swapped(42)));
        StageOps ops = new StageOps(hub, prepared, current);
        StageOps afterSwap = new StageOps(hub, swapped, current);
        String key = "/etc/wireguard/keys/wg-roam.key";

        assertThat(hub.peersOf("laptop-1")).containsExactly("hub");
        assertThat(ops.distribute(prepared.batch(0), new Psks())).containsExactly(
                Map.entry("hub", List.of(new RotationOp.Stage("wg-roam", newKey, "198.51.100.11:443", ""))));
        assertThat(ops.swap(prepared.batch(0))).containsExactly(
                Map.entry("laptop-1", List.of(new Promote(key), new LiveKey("wg-roam", key))),
                Map.entry("hub", List.of(new Move("wg-roam", newKey, oldKey, List.of("10.210.0.2/32"), 0))));
        assertThat(afterSwap.verify(swapped.batch(0), 3)).containsExactly(
                Map.entry("laptop-1", List.of(new AwaitHandshakes("wg-roam", 42, 3, List.of(new Probe(hubKey, "10.210.0.1"))))),
                Map.entry("hub", List.of(new Ping("10.210.0.2", 3))));
    }
}
