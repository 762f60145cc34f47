package dev.wgform.app;

import dev.wgform.drift.KeyAgeNotes;
import dev.wgform.model.InvalidInputException;
import dev.wgform.model.Problem;
import dev.wgform.model.SourceRef;
import dev.wgform.plan.HostPlan;
import dev.wgform.plan.Plan;
import dev.wgform.view.PlanJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A saved plan is applied only while it still holds: every host reports the same facts it was made from, and the
 * playbook still gives the same changes (and the same SSH path refusals). Otherwise it is refused as stale, naming
 * what moved.
 */
final class StalePlan {
    private StalePlan() {}

    static void check(Plan saved, Plan fresh) throws InvalidInputException {
        List<Problem> problems = new ArrayList<>();
        SourceRef where = SourceRef.of(saved.inventory());
        Map<String, HostPlan> now = fresh.hosts().stream().collect(Collectors.toMap(HostPlan::host, h -> h));
        for (HostPlan old : saved.hosts()) {
            HostPlan cur = now.get(old.host());
            if (cur == null) {
                problems.add(new Problem(where, old.host(), "is no longer planned; the saved plan is stale, run plan again"));
            } else if (!cur.factsFingerprint().equals(old.factsFingerprint())) {
                problems.add(new Problem(where, old.host(), "has changed since the plan was made (its facts differ); the saved plan is stale, run plan again"));
            }
        }
        if (problems.isEmpty() && !PlanJson.render(withoutKeyAges(withoutTime(saved, fresh))).equals(PlanJson.render(withoutKeyAges(fresh)))) {
            problems.add(new Problem(where, "plan", "the inventory, playbook or templates now give different changes; the saved plan is stale, run plan again"));
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
    }

    private static Plan withoutTime(Plan saved, Plan fresh) {
        return new Plan(saved.formatVersion(), fresh.createdAt(), fresh.inventory(), fresh.playbook(), saved.hosts());
    }

    /** Key ages grow with the clock, not with the hosts or the playbook: they cannot make a saved plan stale. */
    private static Plan withoutKeyAges(Plan p) {
        List<HostPlan> hosts = p.hosts().stream().map(h -> new HostPlan(h.host(), h.unreachable(), h.changes(), h.factsFingerprint(),
                h.notes().stream().filter(n -> !KeyAgeNotes.isKeyAgeNote(n)).toList(), h.refusals())).toList();
        return new Plan(p.formatVersion(), p.createdAt(), p.inventory(), p.playbook(), hosts);
    }
}
