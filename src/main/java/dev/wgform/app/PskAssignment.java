package dev.wgform.app;

import dev.wgform.apply.PskPush;
import dev.wgform.crypto.Secret;
import dev.wgform.desired.HostState;
import dev.wgform.plan.Change;
import dev.wgform.plan.Effect;
import dev.wgform.plan.HostPlan;
import dev.wgform.plan.Plan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One fresh PSK per peer pair the plan pushes, the same value to both sides, made in memory only. When the other side
 * is not reached this run, a missing copy here is still created (the config needs the file; the pair is matched up
 * once both are reached), but a mismatch is left alone: replacing one side only would break a working tunnel.
 */
final class PskAssignment {
    private PskAssignment() {}

    /**
     * @param reached hosts whose facts were read this run
     */
    static Map<String, List<PskPush>> forPlan(Plan plan, Set<String> reached, List<HostState> desired) {
        Map<String, Secret> byPair = new HashMap<>();
        Map<String, List<PskPush>> out = new LinkedHashMap<>();
        Set<String> planned = new java.util.HashSet<>();
        for (HostPlan h : plan.hosts()) if (h.isReachable()) planned.add(h.host());
        for (HostPlan h : plan.hosts()) {
            if (!h.isReachable()) continue;
            for (Change c : h.actionable()) {
                for (Effect e : c.effects()) {
                    if (!(e instanceof Effect.PushPsk)) continue;
                    Effect.PushPsk push = (Effect.PushPsk) e;
                    boolean peerHere = reached.contains(push.peer()) && planned.contains(push.peer());
                    if (!peerHere && c.action() != dev.wgform.plan.Action.CREATE) continue;
                    String pair = push.iface() + "|" + (h.host().compareTo(push.peer()) < 0 ? h.host() + "|" + push.peer() : push.peer() + "|" + h.host());
                    Secret psk = byPair.computeIfAbsent(pair, k -> Secret.randomPsk());
                    out.computeIfAbsent(h.host(), k -> new ArrayList<>()).add(new PskPush(push.iface(), push.peer(), push.path(), psk));
                }
            }
        }
        return out;
    }
}
