package dev.wgform.app;

import dev.wgform.plan.Plan;
import java.util.List;

/**
 * What apply did.
 *
 * @param plan    the plan that was applied (or would have been, when not confirmed)
 * @param applied false when nothing was done: no changes, or not confirmed
 * @param hosts   per host, inventory order
 */
public record ApplyReport(Plan plan, boolean applied, List<HostOutcome> hosts) {
    public ApplyReport {
        hosts = List.copyOf(hosts);
    }

    public enum Status { OK, UNCHANGED, FAILED, UNREACHABLE, SKIPPED }

    /** One host's result: status and a one-line explanation (what ran, or why it failed). */
    public record HostOutcome(String host, Status status, String detail) {}

    public boolean failed() {
        return hosts.stream().anyMatch(h -> h.status() == Status.FAILED || h.status() == Status.UNREACHABLE);
    }
}
