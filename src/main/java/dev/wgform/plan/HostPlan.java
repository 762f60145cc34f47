package dev.wgform.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plan for one host: every managed resource with its action (NOOPs included, so the plan also says what is
 * already right), or why the host could not be planned.
 *
 * @param host             inventory name
 * @param unreachable      why the facts could not be read; then there are no changes and no fingerprint
 * @param changes          resources in apply order: keys, then per interface its config and state, firewall,
 *                         services, deletions, manifest
 * @param factsFingerprint {@code HostFacts.fingerprint()} of the facts planned against, so apply can refuse a plan
 *                         made stale by a changed host; empty for an unreachable host
 * @param notes            remarks for people ("postgresql is not running on db-1: file only")
 * @param refusals         why applying this plan would cut wgform's own SSH path to the host (each naming the host,
 *                         the path and the safe order); apply refuses such a plan unless forced
 */
public record HostPlan(String host, Optional<String> unreachable, List<Change> changes, String factsFingerprint,
                       List<String> notes, List<String> refusals) {
    public HostPlan {
        Checks.name(host, "host");
        changes = List.copyOf(changes);
        notes = List.copyOf(notes);
        refusals = List.copyOf(refusals);
        if (unreachable.isPresent() && !refusals.isEmpty()) throw new IllegalArgumentException(host + " is unreachable: it cannot have refusals");
        if (factsFingerprint == null) throw new IllegalArgumentException("fingerprint is required (empty when unreachable)");
        if (unreachable.isPresent() && (!changes.isEmpty() || !factsFingerprint.isEmpty())) {
            throw new IllegalArgumentException(host + " is unreachable: it cannot have changes or a fingerprint");
        }
        if (unreachable.isEmpty() && factsFingerprint.isEmpty()) throw new IllegalArgumentException(host + ": fingerprint is required");
    }

    /** A plan without refusals. */
    public HostPlan(String host, Optional<String> unreachable, List<Change> changes, String factsFingerprint, List<String> notes) {
        this(host, unreachable, changes, factsFingerprint, notes, List.of());
    }

    /** A host whose facts could not be read. */
    public static HostPlan unreachable(String host, String reason) {
        Checks.name(reason, "reason");
        return new HostPlan(host, Optional.of(reason), List.of(), "", List.of());
    }

    public boolean isReachable() {
        return unreachable.isEmpty();
    }

    public boolean hasChanges() {
        for (Change c : changes) if (c.changes()) return true;
        return false;
    }

    /** The changes that do something. */
    public List<Change> actionable() {
        return changes.stream().filter(Change::changes).toList();
    }

    public Optional<Change> change(ResourceType type, String name) {
        return changes.stream().filter(c -> c.type() == type && c.name().equals(name)).findFirst();
    }

    /**
     * This plan with {@code replacements} in place of the changes of the same type and name; those without a
     * counterpart are appended before the manifest (which stays last).
     */
    public HostPlan withChanges(List<Change> replacements) {
        if (replacements.isEmpty()) return this;
        Map<String, Change> byKey = new LinkedHashMap<>();
        for (Change r : replacements) byKey.put(key(r), r);
        List<Change> out = new ArrayList<>();
        for (Change c : changes) {
            Change r = byKey.remove(key(c));
            out.add(r != null ? r : c);
        }
        int at = out.size();
        while (at > 0 && out.get(at - 1).type() == ResourceType.MANIFEST) at--;
        out.addAll(at, byKey.values());
        return new HostPlan(host, unreachable, out, factsFingerprint, notes, refusals);
    }

    /** This plan with more notes. */
    public HostPlan withNotes(List<String> more) {
        if (more.isEmpty()) return this;
        List<String> all = new ArrayList<>(notes);
        for (String n : more) if (!all.contains(n)) all.add(n);
        return new HostPlan(host, unreachable, changes, factsFingerprint, all, refusals);
    }

    /** This plan with these refusals in place of its own. */
    public HostPlan withRefusals(List<String> replacement) {
        return new HostPlan(host, unreachable, changes, factsFingerprint, notes, replacement);
    }

    public boolean isRefused() {
        return !refusals.isEmpty();
    }

    /**
     * Every effect of the plan once, in order of first appearance, where a restart stands in for a live sync or an
     * up of the same interface, and a service restart for its reload.
     */
    public List<Effect> effects() {
        List<Effect> all = new ArrayList<>();
        for (Change c : changes) for (Effect e : c.effects()) if (!all.contains(e)) all.add(e);
        List<Effect> out = new ArrayList<>();
        for (Effect e : all) if (!supersededIn(e, all)) out.add(e);
        return out;
    }

    private static boolean supersededIn(Effect e, List<Effect> all) {
        if (e instanceof Effect.LiveSync) {
            String iface = ((Effect.LiveSync) e).iface();
            return all.contains(new Effect.RestartInterface(iface)) || all.contains(new Effect.UpInterface(iface));
        }
        if (e instanceof Effect.UpInterface) return all.contains(new Effect.RestartInterface(((Effect.UpInterface) e).iface()));
        if (e instanceof Effect.ReloadService) return all.contains(new Effect.RestartService(((Effect.ReloadService) e).service()));
        return false;
    }

    private static String key(Change c) {
        return c.type() + "\u0000" + c.name();
    }
}
