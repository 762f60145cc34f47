package dev.wgform.app;

import dev.wgform.desired.HostState;
import dev.wgform.model.Fleet;
import dev.wgform.model.InvalidInputException;
import dev.wgform.model.Problem;
import dev.wgform.model.SourceRef;
import dev.wgform.plan.HostPlan;
import dev.wgform.plan.Plan;
import dev.wgform.planner.SshPathGuard;
import dev.wgform.render.RenderedFile;
import dev.wgform.transport.SshTarget;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The SSH path guard in a run: each reached host's plan gets the refusals of {@link SshPathGuard} for the path wgform
 * reached it over, and apply stops before touching any host while a plan (fresh or saved) has one, unless forced.
 */
final class SshPathRefusals {
    private SshPathRefusals() {}

    /** {@code plan} with the refusals for the way wgform reaches the host ({@link FactsGathering#targetOf}). */
    static HostPlan of(Fleet fleet, HostState desired, List<RenderedFile> rendered, HostPlan plan) {
        if (!plan.isReachable()) return plan;
        SshTarget target = FactsGathering.targetOf(fleet, desired.host());
        SshPathGuard.SshPath path = new SshPathGuard.SshPath(target.address(), target.port());
        return plan.withRefusals(SshPathGuard.refusal(desired, rendered, plan, path).stream().toList());
    }

    /**
     * Refuses to go on while the fresh plan, or the saved plan being applied, has refusals; nothing has been changed
     * anywhere at that point. {@code force} lets it go on.
     */
    static void check(Optional<Plan> saved, Plan fresh, boolean force) throws InvalidInputException {
        if (force) return;
        Set<String> messages = new LinkedHashSet<>();
        saved.ifPresent(p -> p.refused().forEach(h -> messages.addAll(h.refusals())));
        fresh.refused().forEach(h -> messages.addAll(h.refusals()));
        if (messages.isEmpty()) return;
        List<Problem> problems = new ArrayList<>();
        SourceRef where = SourceRef.of(fresh.playbook());
        for (String m : messages) problems.add(new Problem(where, "", m)); // each says --force overrides it
        throw new InvalidInputException(problems);
    }
}
