package dev.wgform.app;

import dev.wgform.apply.ConfirmWindow;
import dev.wgform.apply.InstallRequest;
import dev.wgform.apply.InstallResult;
import dev.wgform.apply.InstallScript;
import dev.wgform.apply.KeyRequest;
import dev.wgform.apply.KeysResult;
import dev.wgform.apply.KeysScript;
import dev.wgform.apply.PskPush;
import dev.wgform.apply.RemoteScriptException;
import dev.wgform.desired.HostState;
import dev.wgform.facts.HostFacts;
import dev.wgform.facts.KeyFact;
import dev.wgform.model.InvalidInputException;
import dev.wgform.plan.Change;
import dev.wgform.plan.Effect;
import dev.wgform.plan.HostPlan;
import dev.wgform.plan.Plan;
import dev.wgform.transport.ExecResult;
import dev.wgform.transport.RemoteExchange;
import dev.wgform.transport.RemoteHost;
import dev.wgform.transport.TransportException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the hosts match the playbook: read and plan (one command per host), confirm, then per host one more
 * command, the install step (files atomically, then only the effects the plan names, verification, roll back on
 * failure). Where a private key is missing, the reading command itself, still running, is answered to make it once
 * the run is approved, so peers learn its public key before anything is installed. Hosts work in parallel; one host
 * failing never stops the others.
 */
public final class ApplyService {
    static final Duration KEYS_TIMEOUT = Duration.ofSeconds(60);
    static final Duration INSTALL_TIMEOUT = Duration.ofSeconds(180);
    static final Duration PACKAGES_TIMEOUT = Duration.ofMinutes(10);

    /** Seconds a host waits for the confirmation of a firewall or sshd change before undoing it; 0: not armed. */
    private final int confirmSeconds;

    public ApplyService() {
        this(ConfirmWindow.DEFAULT_SECONDS);
    }

    /** @param confirmSeconds see {@link ConfirmWindow}; 0 arms no watchdog (for hosts reached another way) */
    public ApplyService(int confirmSeconds) {
        if (confirmSeconds < 0 || confirmSeconds > ConfirmWindow.MAX_SECONDS) {
            throw new IllegalArgumentException("confirm timeout must be 0-" + ConfirmWindow.MAX_SECONDS + " s: " + confirmSeconds);
        }
        this.confirmSeconds = confirmSeconds;
    }

    /** Asked once, with the plan on screen; true to go ahead. */
    @FunctionalInterface
    public interface Confirmation {
        boolean confirm(Plan plan);
    }

    /** Shows the plan before confirmation (the command's view). */
    @FunctionalInterface
    public interface PlanPrinter {
        void print(Plan plan);
    }

    /**
     * @param saved a plan file's plan: applied only if the hosts and the playbook still give exactly this plan
     */
    public ApplyReport apply(RunOptions options, Optional<Plan> saved, boolean installPackages, PlanPrinter printer,
                             Confirmation confirmation, Progress progress) throws InvalidInputException, IOException {
        try (FleetRun run = FleetReader.read(options, progress, FleetRun.Purpose.CHANGE, true)) {
            if (saved.isPresent()) StalePlan.check(saved.get(), run.plan);
            printer.print(run.plan);
            SshPathRefusals.check(saved, run.plan, options.force()); // before any host or the lock file is touched
            if (!run.plan.hasChanges()) return new ApplyReport(run.plan, false, outcomesWithoutChanges(run.plan));
            if (saved.isEmpty() && !confirmation.confirm(run.plan)) return new ApplyReport(run.plan, false, List.of());
            run.loaded.saveLockIfChanged();

            Map<String, String> keyFailures = new HashMap<>(packages(run, installPackages, options.parallel(), progress));
            keyFailures.putAll(generateKeys(run, keyFailures.keySet(), options.parallel(), progress));
            run.endReadingCommands(); // the hosts that make no key
            if (!keyFailures.isEmpty() || anyKeyGenerated(run.plan)) run.replan();
            String runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
            Map<String, List<PskPush>> psks = PskAssignment.forPlan(run.plan, run.facts.keySet(), run.desired);
            try {
                List<HostPlan> hosts = run.plan.hosts();
                // a new session through the same route as the run's own: what the next run will need to work
                ChangeConfirmation changes = new ChangeConfirmation(confirmSeconds,
                        host -> run.transport.connect(FactsGathering.targetOf(run.loaded.fleet(), run.readings.get(host).host())),
                        Clock.systemDefaultZone(), d -> Thread.sleep(d.toMillis()));
                List<ApplyReport.HostOutcome> outcomes = ParallelHosts.map(options.parallel(), hosts,
                        h -> install(run, h, runId, psks.getOrDefault(h.host(), List.of()), keyFailures.get(h.host()), progress, changes));
                outcomes = changes.afterDeadlines(outcomes, options.parallel(), progress);
                progress.verbose(String.format("apply: %d SSH sessions, %d remote commands in all", run.transport.sessionsOpened(),
                        run.transport.commandsRun()));
                return new ApplyReport(run.plan, true, outcomes);
            } finally {
                psks.values().forEach(list -> list.forEach(p -> p.psk().destroy()));
            }
        }
    }

    private static boolean anyKeyGenerated(Plan plan) {
        return plan.hosts().stream().flatMap(h -> h.changes().stream())
                .anyMatch(c -> c.effects().stream().anyMatch(e -> e instanceof Effect.GenerateKey));
    }

    /**
     * The keys step on every host whose plan generates a key, as the answer to its reading command; records the new
     * public keys in the run's facts.
     */
    private static Map<String, String> generateKeys(FleetRun run, java.util.Set<String> failed, int parallel, Progress progress) {
        List<HostPlan> needing = run.plan.hosts().stream().filter(h -> !keyRequests(h).isEmpty() && !failed.contains(h.host())).toList();
        List<Optional<String>> failures = ParallelHosts.map(parallel, needing, h -> {
            // apply reads every host it plans with a command that can make the keys (FleetReader, keysOnAnswer)
            ReadingCommand reading = run.reading(h.host()).orElseThrow();
            long start = System.nanoTime();
            try {
                ExecResult r = reading.makeKeys(KEYS_TIMEOUT);
                KeysResult keys = KeysResult.parse(r.stdout());
                if (r.exitCode() != 0) return Optional.of("keys step exited " + r.exitCode());
                synchronized (run.facts) {
                    run.facts.put(h.host(), withKeys(run.facts.get(h.host()), keys, keyRequests(h)));
                }
                progress.step(h.host(), "keys generated: " + String.join(", ", keys.createdKeys()), Duration.ofNanos(System.nanoTime() - start));
                return Optional.<String>empty();
            } catch (TransportException | RemoteScriptException e) {
                progress.line(h.host() + ": keys step failed: " + e.getMessage());
                return Optional.of("keys step failed: " + e.getMessage());
            }
        });
        return byHost(needing, failures);
    }

    /** host -> reason, for the hosts whose step failed; {@code failures} is in the order of {@code hosts}. */
    private static Map<String, String> byHost(List<HostPlan> hosts, List<Optional<String>> failures) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < hosts.size(); i++) {
            String host = hosts.get(i).host();
            failures.get(i).ifPresent(reason -> out.put(host, reason));
        }
        return out;
    }

    /** Hosts that lack wg, wg-quick or the firewall tool: installed when asked to, else that host fails up front. */
    private static Map<String, String> packages(FleetRun run, boolean install, int parallel, Progress progress) {
        List<HostPlan> lacking = run.plan.hosts().stream()
                .filter(h -> h.hasChanges() && run.desired(h.host()).isPresent() && run.facts.containsKey(h.host()))
                .filter(h -> !PackageInstall.missing(run.desired(h.host()).get(), run.facts.get(h.host())).isEmpty())
                .toList();
        List<Optional<String>> failures = ParallelHosts.map(parallel, lacking, h -> {
            List<String> missing = PackageInstall.missing(run.desired(h.host()).get(), run.facts.get(h.host()));
            if (!install) return Optional.of(PackageInstall.note(missing));
            long start = System.nanoTime();
            try {
                ExecResult r = run.remote(h.host()).orElseThrow().run(PackageInstall.script(run.facts.get(h.host()), missing), PACKAGES_TIMEOUT);
                if (r.exitCode() != 0) return Optional.of("installing " + String.join(", ", missing) + " failed (exit " + r.exitCode() + ")");
                progress.step(h.host(), "installed " + String.join(", ", missing), Duration.ofNanos(System.nanoTime() - start));
                return Optional.<String>empty();
            } catch (TransportException e) {
                return Optional.of("installing packages failed: " + e.getMessage());
            }
        });
        return byHost(lacking, failures);
    }

    private static List<KeyRequest> keyRequests(HostPlan h) {
        List<KeyRequest> out = new ArrayList<>();
        for (Change c : h.actionable()) {
            for (Effect e : c.effects()) {
                if (e instanceof Effect.GenerateKey) out.add(new KeyRequest(((Effect.GenerateKey) e).iface(), ((Effect.GenerateKey) e).path()));
            }
        }
        return out;
    }

    private static HostFacts withKeys(HostFacts f, KeysResult keys, List<KeyRequest> requests) {
        Map<String, KeyFact> all = new LinkedHashMap<>(f.keys());
        for (KeyRequest k : requests) {
            String pub = keys.publicKeys().get(k.iface());
            if (pub != null) all.put(k.iface(), new KeyFact(k.iface(), k.path(), pub, keys.keyMtimes().getOrDefault(k.iface(), 0L)));
        }
        return new HostFacts(f.os(), f.systemd(), f.tools(), f.files(), f.manifest(), f.interfaces(), all, f.psks(), f.services(),
                f.hostTimeEpoch(), f.nftables(), f.listening(), f.confirms());
    }

    static ApplyReport.HostOutcome install(FleetRun run, HostPlan h, String runId, List<PskPush> psks, String keyFailure,
                                                   Progress progress) {
        return install(run, h, runId, psks, keyFailure, progress, ChangeConfirmation.off());
    }

    /** With a confirm window for firewall and sshd changes: applied only once a new session confirmed them. */
    static ApplyReport.HostOutcome install(FleetRun run, HostPlan h, String runId, List<PskPush> psks, String keyFailure,
                                           Progress progress, ChangeConfirmation confirmation) {
        if (!h.isReachable()) return new ApplyReport.HostOutcome(h.host(), ApplyReport.Status.UNREACHABLE, h.unreachable().get());
        if (keyFailure != null) return new ApplyReport.HostOutcome(h.host(), ApplyReport.Status.FAILED, keyFailure + "; nothing was changed on it");
        if (!h.hasChanges()) return new ApplyReport.HostOutcome(h.host(), ApplyReport.Status.UNCHANGED, "no changes");
        Optional<HostState> desired = run.desired(h.host());
        RemoteHost remote = run.remote(h.host()).orElseThrow();
        long start = System.nanoTime();
        InstallRequest request;
        try {
            request = InstallRequests.from(runId, h, desired.orElseThrow(), run.rendered.get(h.host()), run.facts.get(h.host()), psks,
                    confirmation.seconds());
        } catch (IllegalArgumentException | IllegalStateException e) {
            // e.g. a path in this host's manifest no script may carry: this host fails, the others go on
            progress.line(h.host() + ": FAILED: " + e.getMessage());
            return new ApplyReport.HostOutcome(h.host(), ApplyReport.Status.FAILED, "cannot build the install step: " + e.getMessage()
                    + "; nothing was installed on it");
        }
        try {
            ExecResult r = remote.run(InstallScript.build(request), INSTALL_TIMEOUT);
            InstallResult result = InstallResult.parse(r.stdout(), r.exitCode());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (result.ok()) {
                String did = effectsOf(h);
                if (request.confirm().isPresent()) {
                    progress.step(h.host(), "installed, confirming from a new SSH session", took);
                    return confirmation.confirm(h.host(), runId, request.confirm().get(), did.isEmpty() ? "files updated" : did, progress);
                }
                progress.step(h.host(), "applied" + (did.isEmpty() ? "" : ": " + did), took);
                return new ApplyReport.HostOutcome(h.host(), ApplyReport.Status.OK, did.isEmpty() ? "files updated" : did);
            }
            String why = result.status().name().toLowerCase().replace('_', ' ') + (result.phase().map(p -> " in " + p).orElse(""))
                    + ": " + result.message();
            progress.step(h.host(), "FAILED, " + why, took);
            // cut short after arming: only the watchdog can still undo a change that locked wgform out
            if (result.status() == InstallResult.Status.INTERRUPTED && request.confirm().isPresent()) {
                return confirmation.lost(h.host(), runId, request.confirm().get(), why);
            }
            return new ApplyReport.HostOutcome(h.host(), ApplyReport.Status.FAILED, why);
        } catch (TransportException | RemoteScriptException e) {
            progress.line(h.host() + ": FAILED: " + e.getMessage());
            String why = e.getMessage() + " (the host keeps its old files or its new ones, never a mix; run plan to see which)";
            if (request.confirm().isPresent()) return confirmation.lost(h.host(), runId, request.confirm().get(), why);
            return new ApplyReport.HostOutcome(h.host(), ApplyReport.Status.FAILED, why);
        }
    }

    private static String effectsOf(HostPlan h) {
        List<String> out = new ArrayList<>();
        for (Change c : h.actionable()) {
            for (Effect e : c.effects()) if (!(e instanceof Effect.GenerateKey) && !out.contains(e.text())) out.add(e.text());
        }
        return String.join(", ", out);
    }

    private static List<ApplyReport.HostOutcome> outcomesWithoutChanges(Plan plan) {
        List<ApplyReport.HostOutcome> out = new ArrayList<>();
        for (HostPlan h : plan.hosts()) {
            out.add(h.isReachable() ? new ApplyReport.HostOutcome(h.host(), ApplyReport.Status.UNCHANGED, "no changes")
                    : new ApplyReport.HostOutcome(h.host(), ApplyReport.Status.UNREACHABLE, h.unreachable().get()));
        }
        return out;
    }
}
