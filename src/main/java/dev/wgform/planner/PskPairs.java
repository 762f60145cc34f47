package dev.wgform.planner;

import dev.wgform.desired.HostState;
import dev.wgform.desired.KeyPaths;
import dev.wgform.desired.Peer;
import dev.wgform.desired.WgInterface;
import dev.wgform.facts.HostFacts;
import dev.wgform.facts.PskFact;
import dev.wgform.plan.Action;
import dev.wgform.plan.Change;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The two copies of a pair's PSK must be equal, and only the hosts know them: they are compared by the hashes the
 * fact script computed. A pair whose copies differ, or where one host lost its copy, gets a new PSK on both sides
 * (the surviving copy cannot be copied: it never leaves its host).
 */
final class PskPairs {
    private PskPairs() {}

    static Map<String, List<Change>> mismatches(Map<String, HostFacts> facts, List<HostState> desired) {
        Set<String> desiredHosts = new HashSet<>();
        for (HostState s : desired) desiredHosts.add(s.host().name());
        Map<String, List<Change>> out = new LinkedHashMap<>();
        for (HostState a : desired) {
            String hostA = a.host().name();
            HostFacts factsA = facts.get(hostA);
            if (factsA == null) continue;
            for (WgInterface i : a.interfaces()) {
                // peering is symmetric, and each side names its copy after the other (KeyPaths.presharedKey)
                String pathB = KeyPaths.presharedKey(i.name(), hostA);
                for (Peer p : i.peers()) {
                    String hostB = p.host();
                    if (p.pskPath().isEmpty() || hostA.compareTo(hostB) >= 0) continue; // each pair once
                    HostFacts factsB = facts.get(hostB);
                    if (factsB == null || !desiredHosts.contains(hostB)) continue;
                    String pathA = p.pskPath().get();
                    PskFact pskA = factsA.psks().get(pathA);
                    PskFact pskB = factsB.psks().get(pathB);
                    if (pskA == null && pskB == null) continue; // both get a new one already
                    if (pskA != null && pskB != null && pskA.hash().equals(pskB.hash())) continue;
                    if (pskA != null) add(out, hostA, replace(i.name(), hostB, pathA, factsA, pskB == null
                            ? hostB + " has no copy: both get a new one" : "differs from " + hostB + "'s copy: both get a new one"));
                    if (pskB != null) add(out, hostB, replace(i.name(), hostA, pathB, factsB, pskA == null
                            ? hostA + " has no copy: both get a new one" : "differs from " + hostA + "'s copy: both get a new one"));
                }
            }
        }
        return out;
    }

    private static Change replace(String iface, String peer, String path, HostFacts facts, String why) {
        return HostPlanner.pskPush(iface, peer, path, Action.UPDATE, facts.interfaces().containsKey(iface),
                List.of(path, "value: (sensitive)", why));
    }

    private static void add(Map<String, List<Change>> out, String host, Change c) {
        out.computeIfAbsent(host, h -> new ArrayList<>()).add(c);
    }
}
