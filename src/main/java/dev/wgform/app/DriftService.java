package dev.wgform.app;

import dev.wgform.drift.DriftAnalysis;
import dev.wgform.drift.DriftReport;
import dev.wgform.model.InvalidInputException;
import dev.wgform.model.Playbook;
import java.time.Instant;
import java.util.ArrayList;

/**
 * Drift and status: the same read-only pass as plan (one SSH session and the read-only fact script per host;
 * nothing else is ever sent), read as differences between intent and reality plus every peer's live health.
 */
public final class DriftService {
    public DriftReport read(RunOptions options, Progress progress, boolean unreachableOk) throws InvalidInputException {
        try (FleetRun run = FleetReader.read(options, progress, FleetRun.Purpose.READ_ONLY)) {
            Playbook playbook = run.loaded.fleet().playbook();
            return DriftAnalysis.analyse(run.plan, run.desired, run.facts, new ArrayList<>(playbook.planes().keySet()),
                    playbook.keyMaxAge(), playbook.staleAfter(), unreachableOk, Instant.now().getEpochSecond());
        }
    }
}
