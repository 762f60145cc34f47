package dev.wgform.plan;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@code wgform plan} found: per host, the changes that would bring it to the playbook. An immutable value,
 * computed by the planner, shown by the views and saved by {@link PlanFile}; it never holds a secret.
 *
 * @param formatVersion plan file format, {@link #FORMAT_VERSION}
 * @param createdAt     when the plan was made
 * @param inventory     the inventory path as given
 * @param playbook      the playbook path as given
 * @param hosts         in inventory order
 */
public record Plan(String formatVersion, Instant createdAt, String inventory, String playbook, List<HostPlan> hosts) {
    public static final String FORMAT_VERSION = "1";

    public Plan {
        if (!FORMAT_VERSION.equals(formatVersion)) throw new IllegalArgumentException("unsupported plan format " + formatVersion);
        if (createdAt == null) throw new IllegalArgumentException("createdAt is required");
        Checks.name(inventory, "inventory");
        Checks.name(playbook, "playbook");
        hosts = List.copyOf(hosts);
        if (hosts.stream().map(HostPlan::host).distinct().count() != hosts.size()) throw new IllegalArgumentException("a host is planned twice");
    }

    public static Plan of(Instant createdAt, String inventory, String playbook, List<HostPlan> hosts) {
        return new Plan(FORMAT_VERSION, createdAt, inventory, playbook, hosts);
    }

    /** How many resources would be added, changed and destroyed. */
    public record Summary(int add, int change, int destroy) {
        public boolean isEmpty() {
            return add == 0 && change == 0 && destroy == 0;
        }
    }

    public Summary summary() {
        int add = 0;
        int change = 0;
        int destroy = 0;
        for (HostPlan h : hosts) {
            for (Change c : h.changes()) {
                switch (c.action()) {
                    case CREATE: add++; break;
                    case UPDATE: change++; break;
                    case DELETE: destroy++; break;
                    default: break;
                }
            }
        }
        return new Summary(add, change, destroy);
    }

    public boolean hasChanges() {
        return hosts.stream().anyMatch(HostPlan::hasChanges);
    }

    /** Hosts whose plan would cut wgform's own SSH path to them. */
    public List<HostPlan> refused() {
        return hosts.stream().filter(HostPlan::isRefused).toList();
    }

    public List<HostPlan> unreachable() {
        return hosts.stream().filter(h -> !h.isReachable()).toList();
    }

    public Optional<HostPlan> host(String name) {
        return hosts.stream().filter(h -> h.host().equals(name)).findFirst();
    }
}
