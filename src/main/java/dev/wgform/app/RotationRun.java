package dev.wgform.app;

import dev.wgform.crypto.WgKeys;
import dev.wgform.apply.RemoteScriptException;
import dev.wgform.apply.RotationOp;
import dev.wgform.apply.RotationResult;
import dev.wgform.apply.RotationScript;
import dev.wgform.crypto.Secret;
import dev.wgform.facts.KeyFact;
import dev.wgform.model.Host;
import dev.wgform.model.InvalidInputException;
import dev.wgform.rotate.HostRotation;
import dev.wgform.rotate.PlaneMembers;
import dev.wgform.rotate.RotationJournal;
import dev.wgform.rotate.Stage;
import dev.wgform.rotate.StageOps;
import dev.wgform.transport.ExecResult;
import dev.wgform.transport.RemoteHost;
import dev.wgform.transport.TransportException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One rotation's run through its batches, stage by stage (see {@link RotateService}): each stage's ops on every host
 * they touch, in parallel, then the journal rewritten. A failure before the swap aborts the batch; after it, the
 * failed hosts are rolled back and later batches are skipped.
 */
final class RotationRun {
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    /** A test hook: after recording this stage, the run waits (for a test to kill it with SIGKILL). */
    static final String HOLD_AFTER_STAGE = "WGFORM_TEST_HOLD_AFTER_STAGE";

    private final RunOptions options;
    private final FleetRun run;
    private final PlaneMembers members;
    private final JournalFiles journals;
    private final Duration verifyTimeout;
    private final Progress progress;
    private final Map<String, String> currentKeys = new HashMap<>();
    private RotationJournal journal;

    RotationRun(RunOptions options, FleetRun run, PlaneMembers members, JournalFiles journals, RotationJournal journal,
             Duration verifyTimeout, Progress progress) {
        this.options = options;
        this.run = run;
        this.members = members;
        this.journals = journals;
        this.journal = journal;
        this.verifyTimeout = verifyTimeout;
        this.progress = progress;
        for (String h : members.hosts()) {
            KeyFact k = run.facts.get(h).keys().get(members.iface(h).name());
            if (k != null) currentKeys.put(h, k.publicKey());
        }
    }

    RotationJournal runAll() throws IOException, InvalidInputException, RotationException {
        for (int n : journal.batches()) {
            runBatch(n);
            boolean failed = journal.batch(n).stream().anyMatch(h -> h.stage() != Stage.COMMITTED);
            if (failed) {
                skipLaterBatches(n);
                break;
            }
        }
        return journal;
    }

    private void skipLaterBatches(int failedBatch) throws IOException {
        List<HostRotation> skipped = journal.hosts().stream().filter(h -> h.batch() > failedBatch && h.stage() == Stage.PENDING)
                .map(h -> h.ended(Stage.SKIPPED, "not rotated: batch " + (failedBatch + 1) + " did not complete")).toList();
        if (!skipped.isEmpty()) record(skipped, null);
    }

    private void runBatch(int n) throws IOException, InvalidInputException, RotationException {
        while (true) {
            List<HostRotation> batch = journal.batch(n).stream().filter(h -> !h.stage().isFinal()).toList();
            if (batch.isEmpty()) return;
            Stage stage = batch.stream().map(HostRotation::stage).min(Enum::compareTo).orElseThrow();
            List<HostRotation> at = batch.stream().filter(h -> h.stage() == stage).toList();
            String names = String.join(", ", at.stream().map(HostRotation::host).toList());
            switch (stage) {
                case PENDING:
                    progress.line("batch " + (n + 1) + ": prepare " + names);
                    prepare(at);
                    break;
                case PREPARED:
                    progress.line("batch " + (n + 1) + ": distribute the new keys of " + names);
                    distribute(at);
                    break;
                case DISTRIBUTED:
                    progress.line("batch " + (n + 1) + ": swap " + names);
                    swap(at);
                    break;
                case SWAPPED:
                    progress.line("batch " + (n + 1) + ": verify " + names);
                    verify(at);
                    break;
                case VERIFIED:
                    progress.line("batch " + (n + 1) + ": commit " + names);
                    if (!commit(at)) return; // left VERIFIED: a resume commits
                    break;
                default:
                    throw new IllegalStateException("unexpected stage " + stage);
            }
        }
    }

    private StageOps ops() {
        return new StageOps(members, journal, currentKeys);
    }

    private void prepare(List<HostRotation> batch) throws IOException, RotationException {
        Map<String, Step> steps = exec(ops().prepare(batch, true), STEP_TIMEOUT);
        String iface = journal.iface();
        List<HostRotation> done = new ArrayList<>();
        for (HostRotation r : batch) {
            Step s = steps.get(r.host());
            if (!s.ok()) {
                abort(batch, "prepare failed on " + r.host() + ": " + s.failure);
                return;
            }
            Optional<String> next = s.result.nextKey(iface);
            String current = s.result.currentKeys().get(iface);
            if (next.isEmpty() || current == null) {
                abort(batch, "prepare on " + r.host() + " did not report its current and next public keys");
                return;
            }
            done.add(r.prepared(current, next.get()));
            progress.line(r.host() + ": next key ready (public key " + WgKeys.shortForm(next.get()) + ")");
        }
        record(done, Stage.PREPARED);
    }

    private void distribute(List<HostRotation> batch) throws IOException, RotationException {
        Map<String, Secret> psks = new HashMap<>();
        try {
            Map<String, Step> steps = exec(ops().distribute(batch, (a, b) -> psks.computeIfAbsent(pair(a, b), k -> Secret.randomPsk())),
                    STEP_TIMEOUT);
            Optional<String> failed = firstFailure(steps);
            if (failed.isPresent()) {
                abort(batch, "distribute failed: " + failed.get());
                return;
            }
        } finally {
            psks.values().forEach(Secret::destroy);
        }
        record(batch.stream().map(h -> h.at(Stage.DISTRIBUTED)).toList(), Stage.DISTRIBUTED);
    }

    private void swap(List<HostRotation> batch) throws IOException, InvalidInputException, RotationException {
        Map<String, Step> steps = exec(ops().swap(batch), STEP_TIMEOUT);
        Optional<String> failed = firstFailure(steps);
        Map<String, String> reconcile = failed.isPresent() ? Map.of() : reconcile(batch);
        if (failed.isEmpty() && !reconcile.isEmpty()) failed = Optional.of("updating the configs failed: " + describe(reconcile));
        List<HostRotation> swapped = new ArrayList<>();
        for (HostRotation r : batch) {
            Step s = steps.get(r.host());
            long at = s != null && s.ok() ? s.result.swappedAt(journal.iface()).orElse(0) : 0;
            swapped.add(r.swapped(at));
        }
        if (failed.isPresent()) {
            // some hosts may have switched already: put every host of the batch back
            journal = journal.with(swapped);
            rollback(batch.stream().map(h -> journal.host(h.host()).orElseThrow()).toList(), swapped, "swap failed: " + failed.get());
            return;
        }
        record(swapped, Stage.SWAPPED);
        for (HostRotation r : batch) progress.line(r.host() + ": now on its new key " + WgKeys.shortForm(r.newKey().orElseThrow()));
    }

    private void verify(List<HostRotation> batch) throws IOException, InvalidInputException, RotationException {
        int seconds = (int) verifyTimeout.toSeconds();
        Map<String, List<RotationOp>> ops = ops().verify(batch, seconds);
        // a peer pings each rotating host in turn, each for up to the timeout
        long waits = ops.values().stream().mapToLong(l -> l.size()).max().orElse(1);
        Map<String, Step> steps = exec(ops, verifyTimeout.multipliedBy(waits).plus(STEP_TIMEOUT));
        List<HostRotation> good = new ArrayList<>();
        List<HostRotation> bad = new ArrayList<>();
        Map<String, String> why = new LinkedHashMap<>();
        Set<String> rotating = new LinkedHashSet<>();
        batch.forEach(h -> rotating.add(h.host()));
        for (HostRotation r : batch) {
            List<String> problems = new ArrayList<>();
            Step own = steps.get(r.host());
            if (!own.ok()) problems.add("cannot check its handshakes: " + own.failure);
            for (String x : members.peersOf(r.host())) {
                String xKey = rotating.contains(x) ? journal.host(x).orElseThrow().newKey().orElseThrow() : currentKeys.get(x);
                if (own.ok() && !own.result.handshook(journal.iface(), xKey)) problems.add("no handshake with " + x);
                Step peer = steps.get(x);
                String address = members.address(r.host());
                if (!peer.ok()) problems.add(x + " could not ping it: " + peer.failure);
                else if ("fail".equals(peer.result.pings().get(address))) problems.add("no ping reply from " + address + " to " + x);
            }
            if (problems.isEmpty()) {
                good.add(r.at(Stage.VERIFIED));
                progress.line(r.host() + ": verified (fresh handshakes and pings with " + String.join(", ", members.peersOf(r.host())) + ")");
            } else {
                bad.add(r);
                why.put(r.host(), String.join("; ", problems));
                progress.line(r.host() + ": verification failed: " + why.get(r.host()));
            }
        }
        if (!bad.isEmpty()) {
            rollback(batch, bad, "verification failed within " + seconds + " s: " + String.join(" / ", why.values()));
            return;
        }
        record(good, Stage.VERIFIED);
    }

    private boolean commit(List<HostRotation> batch) throws IOException {
        Map<String, Step> steps = exec(ops().commit(batch), STEP_TIMEOUT);
        Optional<String> failed = firstFailure(steps);
        if (failed.isPresent()) {
            progress.line("commit failed: " + failed.get() + "; the new keys are in use, old material is left as .prev files: run wgform rotate --resume");
            return false;
        }
        record(batch.stream().map(h -> h.at(Stage.COMMITTED)).toList(), Stage.COMMITTED);
        for (HostRotation r : batch) {
            currentKeys.put(r.host(), r.newKey().orElseThrow());
            progress.line(r.host() + ": committed, old key removed");
        }
        return true;
    }

    /** Before any swap: the staged entries and .next files go; the old keys never stopped working. */
    private void abort(List<HostRotation> batch, String why) throws IOException {
        progress.line(why + "; undoing the prepared keys");
        Map<String, Step> steps = exec(ops().abort(batch), STEP_TIMEOUT);
        String cleanup = firstFailure(steps).map(f -> " (cleanup incomplete: " + f + "; leftover .next files and staged "
                + "peers are harmless and go at the next rotation or apply)").orElse("");
        record(batch.stream().map(h -> h.ended(Stage.ABORTED, why + cleanup)).toList(), null);
    }

    /** {@code failed} back on their old keys, with their peers; the files follow. */
    private void rollback(List<HostRotation> batch, List<HostRotation> failed, String why)
            throws IOException, InvalidInputException, RotationException {
        progress.line("rolling back " + String.join(", ", failed.stream().map(HostRotation::host).toList()));
        Map<String, Step> steps = exec(ops().rollback(batch, failed), STEP_TIMEOUT);
        Optional<String> problem = firstFailure(steps);
        if (problem.isEmpty()) {
            Set<String> refill = new LinkedHashSet<>();
            failed.forEach(h -> refill.add(h.host()));
            Map<String, String> rec = PlaneReconcile.run(options, members.plane(), refill, progress);
            if (!rec.isEmpty()) problem = Optional.of("updating the configs failed: " + describe(rec));
        }
        if (problem.isPresent()) {
            journals.save(journal);
            throw new RotationException("rolling back failed: " + problem.get() + ". The journal keeps the rotation open: fix the "
                    + "host and run wgform rotate --resume (it verifies again, and rolls back again if needed)");
        }
        List<HostRotation> ended = new ArrayList<>();
        for (HostRotation r : failed) ended.add(r.ended(Stage.ROLLED_BACK, why));
        record(ended, null);
        for (HostRotation r : failed) progress.line(r.host() + ": rolled back to its old key " + WgKeys.shortForm(r.oldKey().orElseThrow()));
    }

    /** The plane's configs rewritten to match what the interfaces now do. */
    private Map<String, String> reconcile(List<HostRotation> batch) throws InvalidInputException {
        Set<String> refill = new LinkedHashSet<>();
        batch.forEach(h -> refill.add(h.host()));
        return PlaneReconcile.run(options, members.plane(), refill, progress);
    }

    private void record(List<HostRotation> changed, Stage stage) throws IOException {
        journal = journal.with(changed);
        journals.save(journal);
        if (stage != null) holdForTest(stage);
    }

    private void holdForTest(Stage stage) {
        String hold = System.getenv(HOLD_AFTER_STAGE);
        if (hold == null || !hold.equals(stage.jsonName())) return;
        progress.line("test hook " + HOLD_AFTER_STAGE + ": holding after stage " + stage.jsonName());
        try {
            Thread.sleep(Duration.ofMinutes(10).toMillis()); // bounded: the test kills the run long before
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Each host's ops as one command; hosts in parallel. A lost session is opened again once (every op repeats safely). */
    private Map<String, Step> exec(Map<String, List<RotationOp>> byHost, Duration timeout) {
        List<String> hosts = new ArrayList<>(byHost.keySet());
        List<Step> steps = ParallelHosts.map(options.parallel(), hosts, host -> {
            String script = RotationScript.build(byHost.get(host));
            try {
                return Step.of(runOn(host, script, timeout));
            } catch (TransportException first) {
                try {
                    reconnect(host);
                    return Step.of(runOn(host, script, timeout));
                } catch (TransportException | RemoteScriptException e) {
                    return Step.failed(host + ": " + e.getMessage());
                }
            } catch (RemoteScriptException e) {
                return Step.failed(host + ": " + e.getMessage());
            }
        });
        Map<String, Step> out = new LinkedHashMap<>();
        for (int i = 0; i < hosts.size(); i++) out.put(hosts.get(i), steps.get(i));
        for (String h : members.hosts()) out.putIfAbsent(h, Step.of(RotationResult.none())); // hosts with no op in this step
        return out;
    }

    private RotationResult runOn(String host, String script, Duration timeout) throws TransportException {
        ExecResult r = sessions.getOrDefault(host, run.remote(host).orElseThrow()).run(script, timeout);
        RotationResult parsed = RotationResult.parse(r.stdout());
        if (r.exitCode() != 0) throw new RemoteScriptException("rotation step exited " + r.exitCode());
        return parsed;
    }

    private final Map<String, RemoteHost> sessions = new ConcurrentHashMap<>();

    private void reconnect(String host) throws TransportException {
        Host h = run.loaded.fleet().inventory().hosts().stream().filter(x -> x.name().equals(host)).findFirst().orElseThrow();
        RemoteHost fresh = run.transport.connect(FactsGathering.targetOf(run.loaded.fleet(), h));
        RemoteHost old = sessions.put(host, fresh);
        if (old != null) old.close();
        progress.line(host + ": SSH session lost, reconnected");
    }

    private static Optional<String> firstFailure(Map<String, Step> steps) {
        return steps.values().stream().filter(s -> !s.ok()).map(s -> s.failure).findFirst();
    }

    private static String describe(Map<String, String> failures) {
        List<String> out = new ArrayList<>();
        failures.forEach((h, w) -> out.add(h + ": " + w));
        return String.join("; ", out);
    }

    /** One host's step: its result, or why it failed. */
    private static final class Step {
        final RotationResult result;
        final String failure;

        private Step(RotationResult result, String failure) {
            this.result = result;
            this.failure = failure;
        }

        static Step of(RotationResult r) {
            return new Step(r, null);
        }

        static Step failed(String why) {
            return new Step(null, why);
        }

        boolean ok() {
            return failure == null;
        }
    }

    private static String pair(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }

}
