package dev.wgform.planner;

import static dev.wgform.planner.TestFacts.applied;
import static dev.wgform.planner.TestFacts.desired;
import static dev.wgform.planner.TestFacts.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wgform.desired.HostState;
import dev.wgform.facts.HostFacts;
import dev.wgform.inventory.FleetLoader;
import dev.wgform.model.Fleet;
import dev.wgform.plan.Action;
import dev.wgform.plan.Change;
import dev.wgform.plan.Effect;
import dev.wgform.plan.HostPlan;
import dev.wgform.plan.Plan;
import dev.wgform.plan.ResourceType;
import dev.wgform.render.RenderedFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whole-fleet plans: idempotence per scenario, PSK pairs across hosts, unreachable and departed hosts. */
class FleetPlanTest {
    private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");
    private static final String AB = "/etc/wireguard/keys/wg-mgmt/node-b.psk"; // node-a's copy
    private static final String BA = "/etc/wireguard/keys/wg-mgmt/node-a.psk"; // node-b's copy

    static Plan planFleet(List<HostState> states, Map<String, HostFacts> facts, Map<String, String> unreachable) {
        return Planner.plan(NOW, "inventory.yml", "playbook.yml", states, TestFacts.renderAll(states), facts, unreachable);
    }

    private static Change change(Plan p, String host, ResourceType type, String name) {
        return p.host(host).orElseThrow().change(type, name).orElseThrow(() -> new AssertionError("no " + name + " on " + host));
    }

    @Test
    void meshAndHubFleetsAsApplyLeftThemHaveNoChanges() {
        for (Fleet fleet : List.of(Scenarios.mesh(), Scenarios.hub(), Scenarios.mesh("203.0.113.20", 51821, false))) {
            List<HostState> states = desired(fleet);
            Plan plan = planFleet(states, TestFacts.appliedFleet(states), Map.of());
            assertThat(plan.hasChanges()).as(plan.toString()).isFalse();
            assertThat(plan.summary()).isEqualTo(new Plan.Summary(0, 0, 0));
            assertThat(plan.hosts()).extracting(HostPlan::host).isEqualTo(states.stream().map(s -> s.host().name()).toList());
        }
    }

    @Test
    void aConvergedFleetIsPlannedWithoutHashingItsRenderings() throws Exception {
        // each file is compared with the host's own copy and digest: RenderedFile hashes only when asked, and at 500
        // hosts under the launcher's C1 its 200 MB cost about 1.4 s of CPU (README, "A simulated fleet")
        List<HostState> states = desired(Scenarios.mesh());
        Map<String, List<RenderedFile>> rendered = TestFacts.renderAll(states);
        Plan plan = Planner.plan(NOW, "inventory.yml", "playbook.yml", states, rendered, TestFacts.appliedFleet(states), Map.of());
        assertThat(plan.hasChanges()).isFalse();
        java.lang.reflect.Field digest = RenderedFile.class.getDeclaredField("sha256");
        digest.setAccessible(true);
        for (List<RenderedFile> files : rendered.values()) {
            for (RenderedFile f : files) assertThat(digest.get(f)).as(f.path() + " was hashed").isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"four-plane", "mesh-backplane", "hub-spoke", "relay-nat", "site-to-site", "full-tunnel", "stealth"})
    void everyExampleAsApplyLeftItHasNoChanges(String example) throws Exception {
        Fleet fleet = FleetLoader.load(Path.of("inventories", example + ".yml"), Path.of("playbooks", example + ".yml")).fleet();
        List<HostState> states = desired(fleet);
        Plan plan = planFleet(states, TestFacts.appliedFleet(states), Map.of());
        assertThat(plan.hasChanges()).as(example + ": " + plan.hosts().stream().map(HostPlan::actionable).toList()).isFalse();
    }

    @Test
    void aFreshFleetIsCountedByResource() {
        List<HostState> states = desired(Scenarios.hub());
        Map<String, HostFacts> facts = new LinkedHashMap<>();
        for (HostState s : states) facts.put(s.host().name(), TestFacts.fresh().build());
        Plan plan = planFleet(states, facts, Map.of());
        // per host: key, wg config, firewall, manifest, each created; no PSKs on this plane
        assertThat(plan.summary()).isEqualTo(new Plan.Summary(4 * 4, 0, 0));
        assertThat(plan.hasChanges()).isTrue();
    }

    @Test
    void aPskMissingOnOneSideIsReplacedOnBoth() {
        List<HostState> states = desired(Scenarios.mesh());
        Map<String, HostFacts> facts = TestFacts.appliedFleet(states);
        facts.put("node-a", applied(state(states, "node-a")).withoutPsk(AB).build());
        Plan plan = planFleet(states, facts, Map.of());

        Change a = change(plan, "node-a", ResourceType.PRESHARED_KEY, "psk wg-mgmt node-b");
        assertThat(a.action()).isEqualTo(Action.CREATE);
        Change b = change(plan, "node-b", ResourceType.PRESHARED_KEY, "psk wg-mgmt node-a");
        assertThat(b.action()).isEqualTo(Action.UPDATE);
        assertThat(b.effects()).containsExactly(new Effect.PushPsk("wg-mgmt", "node-a", BA), new Effect.LiveSync("wg-mgmt"));
        assertThat(b.details()).contains("value: (sensitive)", "node-a has no copy: both get a new one");
        assertThat(plan.summary()).isEqualTo(new Plan.Summary(1, 1, 0));
        assertThat(plan.host("db").orElseThrow().hasChanges()).isFalse();
    }

    @Test
    void pskCopiesWithDifferentHashesAreReplacedOnBoth() {
        List<HostState> states = desired(Scenarios.mesh());
        Map<String, HostFacts> facts = TestFacts.appliedFleet(states);
        facts.put("node-b", applied(state(states, "node-b")).pskHash(BA, "0".repeat(64)).build());
        Plan plan = planFleet(states, facts, Map.of());

        assertThat(change(plan, "node-a", ResourceType.PRESHARED_KEY, "psk wg-mgmt node-b").details())
                .contains("differs from node-b's copy: both get a new one");
        assertThat(change(plan, "node-b", ResourceType.PRESHARED_KEY, "psk wg-mgmt node-a").action()).isEqualTo(Action.UPDATE);
        assertThat(plan.summary()).isEqualTo(new Plan.Summary(0, 2, 0));
        // the per-host plan alone cannot see it: only hashes from both hosts tell
        HostState nodeB = state(states, "node-b");
        assertThat(Planner.plan(nodeB, TestFacts.render(nodeB), facts.get("node-b")).hasChanges()).isFalse();
        assertThat(Planner.pskMismatches(facts, states)).containsOnlyKeys("node-a", "node-b");
    }

    @Test
    void anUnreachableHostIsListedWithItsReasonAndItsPeersAreStillPlanned() {
        List<HostState> states = desired(Scenarios.mesh());
        Map<String, HostFacts> facts = TestFacts.appliedFleet(states);
        facts.remove("db");
        facts.put("node-a", applied(state(states, "node-a")).withoutPsk("/etc/wireguard/keys/wg-mgmt/db.psk").build());
        Plan plan = planFleet(states, facts, Map.of("db", "connection refused"));

        HostPlan db = plan.host("db").orElseThrow();
        assertThat(db.unreachable()).contains("connection refused");
        assertThat(db.changes()).isEmpty();
        assertThat(plan.unreachable()).containsExactly(db);
        // node-a's copy is pushed; db's is replaced once db is back (its copy then differs)
        assertThat(change(plan, "node-a", ResourceType.PRESHARED_KEY, "psk wg-mgmt db").action()).isEqualTo(Action.CREATE);
        assertThat(plan.hosts()).extracting(HostPlan::host).containsExactly("node-a", "node-b", "db");
    }

    @Test
    void aHostThatLeftEveryPlaneIsPlannedForRemovalAfterTheOthers() {
        List<HostState> before = desired(Scenarios.mesh());
        List<HostState> after = before.stream().filter(s -> !s.host().name().equals("db")).toList();
        Map<String, HostFacts> facts = TestFacts.appliedFleet(before);
        Plan plan = Planner.plan(NOW, "inventory.yml", "playbook.yml", after, TestFacts.renderAll(after), facts, Map.of());
        assertThat(plan.hosts()).extracting(HostPlan::host).containsExactly("node-a", "node-b", "db");
        HostPlan db = plan.host("db").orElseThrow();
        assertThat(db.actionable()).extracting(Change::action).containsOnly(Action.DELETE, Action.UPDATE);
        assertThat(db.effects()).contains(new Effect.DownInterface("wg-mgmt"));
    }

    @Test
    void everyHostMustBeReachedOrUnreachable() {
        List<HostState> states = desired(Scenarios.mesh());
        Map<String, HostFacts> facts = TestFacts.appliedFleet(states);
        facts.remove("db");
        assertThatThrownBy(() -> planFleet(states, facts, Map.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("db");
        Map<String, List<RenderedFile>> none = Map.of();
        assertThatThrownBy(() -> Planner.plan(NOW, "i", "p", states, none, TestFacts.appliedFleet(states), Map.of()))
                .hasMessageContaining("no rendered files");
    }

    @Test
    void aFleetAssembledFromHostsPlannedOneByOneIsTheFleetPlan() {
        // what a run does when it plans each host as soon as its files are rendered, and keeps none of them
        List<HostState> before = desired(Scenarios.mesh());
        List<HostState> after = before.stream().filter(s -> !s.host().name().equals("db")).toList();
        Map<String, HostFacts> facts = TestFacts.appliedFleet(before);
        facts.put("node-a", applied(state(before, "node-a")).withoutPsk(AB).build());
        facts.remove("node-b");
        Map<String, String> unreachable = Map.of("node-b", "connection refused");
        Map<String, List<RenderedFile>> rendered = TestFacts.renderAll(after);

        Map<String, List<Change>> psk = Planner.pskMismatches(facts, after);
        Map<String, HostPlan> reached = new LinkedHashMap<>();
        reached.put("node-a", Planner.plan(state(after, "node-a"), rendered.get("node-a"), facts.get("node-a"))
                .withChanges(psk.getOrDefault("node-a", List.of())));

        Plan assembled = Planner.assemble(NOW, "inventory.yml", "playbook.yml", after, reached, facts, unreachable);
        assertThat(assembled).isEqualTo(Planner.plan(NOW, "inventory.yml", "playbook.yml", after, rendered, facts, unreachable));
        assertThat(assembled.hosts()).extracting(HostPlan::host).containsExactly("node-a", "node-b", "db");
        assertThat(assembled.host("db").orElseThrow().effects()).contains(new Effect.DownInterface("wg-mgmt"));

        assertThatThrownBy(() -> Planner.assemble(NOW, "i", "p", after, Map.of(), facts, unreachable))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no plan for reached host node-a");
    }
}
