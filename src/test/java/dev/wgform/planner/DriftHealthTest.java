package dev.wgform.planner;

import static dev.wgform.planner.TestFacts.applied;
import static dev.wgform.planner.TestFacts.desired;
import static dev.wgform.planner.TestFacts.render;
import static dev.wgform.planner.TestFacts.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.desired.HostState;
import dev.wgform.drift.DriftAnalysis;
import dev.wgform.drift.DriftKind;
import dev.wgform.drift.DriftReport;
import dev.wgform.drift.KeyAge;
import dev.wgform.drift.PeerHealth;
import dev.wgform.facts.HostFacts;
import dev.wgform.facts.LiveInterface;
import dev.wgform.facts.LivePeer;
import dev.wgform.plan.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Live health and key age in a drift report, from a host as apply left it (handshakes by the host's clock). */
class DriftHealthTest {
    private final List<HostState> mesh = desired(Scenarios.mesh());
    private final HostState db = state(mesh, "db");

    private DriftReport report(HostFacts facts, Optional<Duration> keyMaxAge, Duration staleAfter) {
        Plan plan = new Plan(Plan.FORMAT_VERSION, Instant.EPOCH, "inv.yml", "pb.yml", List.of(Planner.plan(db, render(db), facts)));
        return DriftAnalysis.analyse(plan, List.of(db), Map.of("db", facts), List.of("mgmt"), keyMaxAge, staleAfter, false, 1_700_000_200L);
    }

    @Test
    void peersAreNamedAndAgedByTheHostsClockAndKeptAlivePeersGoStale() {
        TestFacts.Builder b = applied(db);
        LiveInterface mgmt = b.live("wg-mgmt");
        // node-a handshook 100 s ago (host clock 1_700_000_100) with keepalive; node-b never, without keepalive
        LivePeer a = mgmt.peers().get(0);
        LivePeer nb = mgmt.peers().get(1);
        b.live(new LiveInterface("wg-mgmt", mgmt.publicKey(), mgmt.listenPort(), List.of(
                new LivePeer(a.publicKey(), a.hasPsk(), a.endpoint(), a.allowedIps(), 1_700_000_000L, 10, 20, OptionalInt.of(25)),
                new LivePeer(nb.publicKey(), nb.hasPsk(), nb.endpoint(), nb.allowedIps(), 0L, 0, 148, OptionalInt.empty()))));

        DriftReport fresh = report(b.build(), Optional.empty(), Duration.ofSeconds(180));
        assertThat(fresh.peers()).extracting(PeerHealth::peer, PeerHealth::handshakeAgeSeconds, PeerHealth::stale).containsExactly(
                org.assertj.core.groups.Tuple.tuple("node-a", OptionalLong.of(100), false),
                org.assertj.core.groups.Tuple.tuple("node-b", OptionalLong.empty(), false));
        assertThat(fresh.peers().get(0).keepalive()).isTrue();

        DriftReport stale = report(b.build(), Optional.empty(), Duration.ofSeconds(60));
        assertThat(stale.peers()).extracting(PeerHealth::stale).containsExactly(true, false);
        assertThat(stale.hasDrift()).as("stale is health, not drift").isFalse();
    }

    @Test
    void keysOlderThanKeyMaxAgeAreDrift() {
        DriftReport r = report(applied(db).build(), Optional.of(Duration.ofSeconds(50)), Duration.ofSeconds(180));
        // keys written at 1_700_000_000, the host's clock reads 1_700_000_100
        assertThat(r.keyAges()).contains(new KeyAge("mgmt", "db", 100));
        assertThat(r.items()).extracting(i -> i.kind() + " " + i.resource()).containsExactly(DriftKind.KEY_AGE + " mgmt");
        assertThat(report(applied(db).build(), Optional.of(Duration.ofDays(90)), Duration.ofSeconds(180)).hasDrift()).isFalse();
    }
}
