package dev.wgform.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code wgform lab up N [--rhel K]} asks for: N hosts, the last K of them RHEL family.
 *
 * @param hosts     how many hosts, 1 to {@link LabNetwork#MAX_HOSTS}
 * @param rhelHosts how many of them (the last ones) present themselves as RHEL family, 0 to {@code hosts}
 */
public record LabSpec(int hosts, int rhelHosts) {
    public LabSpec {
        Optional<String> problem = problem(hosts, rhelHosts);
        if (problem.isPresent()) throw new IllegalArgumentException(problem.get());
    }

    /** What is wrong with these numbers, in words for the user; empty when they are fine. */
    public static Optional<String> problem(int hosts, int rhelHosts) {
        if (hosts < 1 || hosts > LabNetwork.MAX_HOSTS) {
            return Optional.of("the lab has 1 to " + LabNetwork.MAX_HOSTS + " hosts, not " + hosts);
        }
        if (rhelHosts < 0 || rhelHosts > hosts) {
            return Optional.of("--rhel must be between 0 and the number of hosts (" + hosts + "), not " + rhelHosts);
        }
        return Optional.empty();
    }

    /** The hosts in order, lab-1 first; the last {@link #rhelHosts} are RHEL family. */
    public List<LabHost> hostList() {
        List<LabHost> list = new ArrayList<>(hosts);
        for (int i = 1; i <= hosts; i++) list.add(new LabHost(i, i > hosts - rhelHosts));
        return List.copyOf(list);
    }
}
