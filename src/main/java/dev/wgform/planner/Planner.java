package dev.wgform.planner;

import dev.wgform.desired.HostState;
import dev.wgform.facts.HostFacts;
import dev.wgform.plan.Change;
import dev.wgform.plan.HostPlan;
import dev.wgform.plan.Plan;
import dev.wgform.render.RenderedFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Computes plans: what must change on each host for it to match the playbook. Pure: desired state, rendered files
 * and facts in, a {@link Plan} out; nothing is read or run.
 *
 * <p>Rules, per host: a missing private key is generated (its public key known after apply); a missing PSK is
 * pushed; each rendered file is created, updated (content or mode) or left alone, compared with secrets redacted on
 * both sides; a wg config whose peers changed is synced live, one whose [Interface] changed restarts that interface,
 * a new one comes up (enabled at boot under systemd); a down interface comes up, and a running one whose live peers
 * drifted from its unchanged config is synced; a changed firewall is loaded; a changed service drop-in reloads its
 * service (PostgreSQL restarts); files in the host's manifest that are no longer rendered are deleted (a wg config
 * also takes its interface down); the manifest follows the managed files. Across hosts: a pair's PSK copies whose
 * hashes differ, or of which one is missing, are replaced on both sides.
 */
public final class Planner {
    private Planner() {}

    /** One host's plan, without the cross-host PSK check ({@link #pskMismatches}). */
    public static HostPlan plan(HostState desired, List<RenderedFile> rendered, HostFacts facts) {
        return new HostPlanner(desired.host().name(), Optional.of(desired), rendered, facts).plan();
    }

    /**
     * The plan of a host that is in no plane any more: everything in its manifest goes (wg configs taken down).
     */
    public static HostPlan planRemoval(String host, HostFacts facts) {
        return new HostPlanner(host, Optional.empty(), List.of(), facts).plan();
    }

    /**
     * The hash the fact script will report for {@code file} once installed (secret values redacted on the host):
     * what the manifest should record for it, and {@link dev.wgform.plan.FileChange#newSha256()}.
     */
    public static String installedSha256(RenderedFile file) {
        return RenderedFile.sha256(hostCopy(file));
    }

    /** The text a host holding {@code file} reports for it: its secret values redacted, as the fact script does. */
    public static String hostCopy(RenderedFile file) {
        return Redaction.redacted(file.content());
    }

    /** A host whose facts could not be read. */
    public static HostPlan unreachable(String host, String reason) {
        return HostPlan.unreachable(host, reason);
    }

    /**
     * PSK pairs whose two copies differ by hash, or of which one host lost its copy, between hosts that were both
     * reached: for each host, UPDATE changes (push a new PSK) to put in place of its plan's PSK changes of the same
     * name ({@link HostPlan#withChanges}).
     */
    public static Map<String, List<Change>> pskMismatches(Map<String, HostFacts> facts, List<HostState> desired) {
        return PskPairs.mismatches(facts, desired);
    }

    /**
     * The plan for a fleet.
     *
     * @param desired     every host's desired state, in inventory order
     * @param rendered    host -> its rendered files, for every host in {@code desired}
     * @param facts       host -> facts, for every host reached; a host here without desired state (it left every
     *                    plane) gets a removal plan, after the others
     * @param unreachable host -> why its facts could not be read; every host of {@code desired} is in exactly one of
     *                    {@code facts} and {@code unreachable}
     */
    public static Plan plan(Instant createdAt, String inventory, String playbook, List<HostState> desired,
                            Map<String, List<RenderedFile>> rendered, Map<String, HostFacts> facts,
                            Map<String, String> unreachable) {
        for (HostState d : desired) {
            String name = d.host().name();
            if (facts.containsKey(name) && !rendered.containsKey(name)) throw new IllegalArgumentException("no rendered files for " + name);
        }
        Map<String, List<Change>> psk = pskMismatches(facts, desired);
        // hosts are independent: plan them in parallel
        Map<String, HostPlan> reached = new ConcurrentHashMap<>();
        desired.parallelStream().filter(d -> facts.containsKey(d.host().name())).forEach(d -> {
            String name = d.host().name();
            reached.put(name, plan(d, rendered.get(name), facts.get(name)).withChanges(psk.getOrDefault(name, List.of())));
        });
        return assemble(createdAt, inventory, playbook, desired, reached, facts, unreachable);
    }

    /**
     * The plan for a fleet whose reached hosts were planned one by one ({@link #plan(HostState, List, HostFacts)}
     * with {@link #pskMismatches}), e.g. each as soon as its files were rendered: adds the unreachable hosts and the
     * removal plans, in inventory order.
     *
     * @param reached host -> its plan, for every host of {@code desired} in {@code facts}
     */
    public static Plan assemble(Instant createdAt, String inventory, String playbook, List<HostState> desired,
                                Map<String, HostPlan> reached, Map<String, HostFacts> facts, Map<String, String> unreachable) {
        Set<String> planned = new LinkedHashSet<>();
        List<HostPlan> hosts = new ArrayList<>();
        for (HostState d : desired) {
            String name = d.host().name();
            planned.add(name);
            String reason = unreachable.get(name);
            if ((reason == null) == (facts.get(name) == null)) {
                throw new IllegalArgumentException(name + " must be either reached (facts) or unreachable (a reason)");
            }
            if (reason != null) {
                hosts.add(unreachable(name, reason));
            } else {
                HostPlan p = reached.get(name);
                if (p == null) throw new IllegalArgumentException("no plan for reached host " + name);
                hosts.add(p);
            }
        }
        facts.forEach((name, f) -> {
            if (planned.add(name)) hosts.add(planRemoval(name, f));
        });
        unreachable.forEach((name, reason) -> {
            if (planned.add(name)) hosts.add(unreachable(name, reason));
        });
        return Plan.of(createdAt, inventory, playbook, hosts);
    }
}
