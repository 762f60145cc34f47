package dev.wgform.planner;

import dev.wgform.desired.HostState;
import dev.wgform.desired.TestFleets;
import dev.wgform.facts.HostFacts;
import dev.wgform.model.FirewallSettings.Backend;
import dev.wgform.model.FirewallSettings.Policy;
import dev.wgform.model.Fleet;
import dev.wgform.model.ServiceKind;
import dev.wgform.plan.Plan;
import dev.wgform.render.RenderedFile;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Planner.plan over an N-host PSK mesh (N-1 peers per host) against facts as apply would leave them: the steady
 * state of a scheduled drift check, every file compared, every live interface checked peer by peer. Then the same
 * fleet after one host joined (every host's config changes: diffs, live syncs). Not a unit test: run with
 * {@code java -cp <test-classes:classes:deps> dev.wgform.planner.PlanBenchmark [N]} (default 1000).
 */
public final class PlanBenchmark {
    private PlanBenchmark() {}

    public static void main(String[] args) {
        int n = args.length == 0 ? 1000 : Integer.parseInt(args[0]);
        List<HostState> before = TestFacts.desired(mesh(n - 1));
        List<HostState> after = TestFacts.desired(mesh(n));
        Map<String, List<RenderedFile>> renderedBefore = TestFacts.renderAll(before);
        Map<String, List<RenderedFile>> renderedAfter = TestFacts.renderAll(after);
        Map<String, HostFacts> steady = new LinkedHashMap<>();
        for (HostState s : after) steady.put(s.host().name(), TestFacts.applied(s, renderedAfter.get(s.host().name())).build());
        Map<String, HostFacts> joined = new LinkedHashMap<>();
        for (HostState s : before) joined.put(s.host().name(), TestFacts.applied(s, renderedBefore.get(s.host().name())).build());
        joined.put(after.get(after.size() - 1).host().name(), TestFacts.fresh().build());
        System.out.printf("hosts=%d cores=%d%n", n, Runtime.getRuntime().availableProcessors());
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            Plan steadyPlan = Planner.plan(Instant.now(), "i", "p", after, renderedAfter, steady, Map.of());
            long t1 = System.nanoTime();
            Plan joinPlan = Planner.plan(Instant.now(), "i", "p", after, renderedAfter, joined, Map.of());
            long t2 = System.nanoTime();
            System.out.printf("  round %d: steady %d ms (changes: %s) | one host joined %d ms (%s)%n", round + 1,
                    (t1 - t0) / 1_000_000, steadyPlan.hasChanges(), (t2 - t1) / 1_000_000, joinPlan.summary());
        }
    }

    static Fleet mesh(int n) {
        TestFleets.Builder b = TestFleets.fleet();
        for (int i = 0; i < n; i++) b.host(String.format("node-%04d", i), "198.18." + (i / 250) + "." + (i % 250 + 1), "mesh");
        return b.plane("mgmt", p -> p.subnet("10.200.0.0/16").port(51820).members("mesh").psk())
                .service("sshd", ServiceKind.SSHD, "mgmt", 0)
                .service("node_exporter", ServiceKind.NODE_EXPORTER, "mgmt", 9100)
                .firewall(Backend.NFTABLES, Policy.STEALTH, true)
                .build();
    }
}
