package dev.wgform.app;

import dev.wgform.model.InvalidInputException;
import dev.wgform.plan.Plan;

/** Reads every host (one SSH session and one command each) and computes the plan; changes nothing anywhere. */
public final class PlanService {
    public Plan plan(RunOptions options, Progress progress) throws InvalidInputException {
        try (FleetRun run = FleetReader.read(options, progress, FleetRun.Purpose.READ_ONLY)) {
            return run.plan;
        }
    }
}
