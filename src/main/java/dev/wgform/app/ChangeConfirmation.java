package dev.wgform.app;

import dev.wgform.apply.ConfirmCommands;
import dev.wgform.apply.ConfirmWindow;
import dev.wgform.apply.RemoteScriptException;
import dev.wgform.transport.ExecResult;
import dev.wgform.transport.RemoteHost;
import dev.wgform.transport.TransportException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workstation's half of a confirmed change ({@link ConfirmWindow}): once a host's install step has changed its
 * firewall or sshd config, a NEW SSH session through the same route must reach it and stop its watchdog; only then
 * is the host applied. When that fails the host will undo the change by itself; {@link #afterDeadlines} waits until
 * then (bounded by the window) and tries once more, to say whether the host came back.
 */
final class ChangeConfirmation {
    /** Past the host's deadline before looking again: the watchdog's poll, the revert's reloads, clock skew. */
    static final Duration GRACE = Duration.ofSeconds(5);
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);
    /** How long a broken session's install step may still run on the host before wgform stops asking (its own timeout). */
    static final Duration INSTALL_WAIT = Duration.ofSeconds(180);
    static final Duration POLL = Duration.ofSeconds(1);
    /**
     * Tries again, a second apart, when the new connection is refused: an sshd reload re-executes the daemon, and a
     * connection in that moment is refused although nothing is wrong. Five seconds stay well inside the shortest
     * window (10 s); a host that is really cut off times out, or is refused on every try, and reverts as before.
     */
    static final int REFUSED_RETRIES = 5;

    /** A new session to the host, through the route the run used. */
    @FunctionalInterface
    interface Reconnect {
        RemoteHost connect(String host) throws TransportException;
    }

    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** A host that was not confirmed: it reverts by itself at {@code deadline}. */
    record Pending(String runId, Instant deadline, ConfirmWindow window) {}

    private final int seconds;
    private final Reconnect reconnect;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /**
     * @param seconds the window; 0 arms nothing (for hosts reached another way)
     */
    ChangeConfirmation(int seconds, Reconnect reconnect, Clock clock, Sleeper sleeper) {
        if (seconds < 0 || seconds > ConfirmWindow.MAX_SECONDS) throw new IllegalArgumentException("confirm timeout out of range: " + seconds);
        this.seconds = seconds;
        this.reconnect = reconnect;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Nothing armed: rotation's reconcile step and --confirm-timeout 0. */
    static ChangeConfirmation off() {
        return new ChangeConfirmation(0, host -> {
            throw new TransportException("no confirmation in this run");
        }, Clock.systemDefaultZone(), d -> Thread.sleep(d.toMillis()));
    }

    int seconds() {
        return seconds;
    }

    /**
     * The install step applied and armed {@code window}: confirm over a new session.
     *
     * @param did what the step did, for the outcome
     */
    ApplyReport.HostOutcome confirm(String host, String runId, ConfirmWindow window, String did, Progress progress) {
        Instant deadline = clock.instant().plusSeconds(window.seconds());
        ConfirmCommands.Confirmed answer;
        try (RemoteHost fresh = connectAfterReload(host)) {
            ExecResult r = fresh.run(ConfirmCommands.confirm(runId), COMMAND_TIMEOUT);
            if (r.exitCode() != 0) throw new RemoteScriptException("the confirm command exited " + r.exitCode());
            answer = ConfirmCommands.parseConfirm(r.stdout());
        } catch (TransportException | RemoteScriptException e) {
            pending.put(host, new Pending(runId, deadline, window));
            String why = "could not reconnect after the " + window.what() + " change (" + e.getMessage() + "); "
                    + restoresAt(window, deadline);
            progress.line(host + ": " + why);
            return new ApplyReport.HostOutcome(host, ApplyReport.Status.FAILED, why);
        }
        switch (answer) {
            case OK:
                progress.line(host + ": applied, confirmed from a new SSH session");
                return new ApplyReport.HostOutcome(host, ApplyReport.Status.OK, did + "; confirmed from a new SSH session");
            case MISSING:
                // reachable all the same; the watchdog died (a reboot) so nothing would have been undone anyway
                return new ApplyReport.HostOutcome(host, ApplyReport.Status.OK, did + "; reached from a new SSH session"
                        + " (its watchdog was already gone: see /var/lib/wgform/confirm/log on it)");
            case REVERTED:
            default:
                String why = "the confirmation came too late: the host already restored its old " + window.what()
                        + " (more than " + window.seconds() + " s after the install step); run plan to see it";
                progress.line(host + ": " + why);
                return new ApplyReport.HostOutcome(host, ApplyReport.Status.FAILED, why);
        }
    }

    private RemoteHost connectAfterReload(String host) throws TransportException {
        for (int attempt = 0; ; attempt++) {
            try {
                return reconnect.connect(host);
            } catch (TransportException e) {
                if (!e.refused() || attempt == REFUSED_RETRIES) throw e;
                try {
                    sleeper.sleep(POLL);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * The install step's session broke after it may have armed {@code window}. The session, not the host, may be what
     * failed: the step carries on there, so a new session waits for it to end and then confirms, and the host keeps
     * whatever the step did (old or new, never a mix). When no new session can be made, the host reverts by itself.
     */
    ApplyReport.HostOutcome lost(String host, String runId, ConfirmWindow window, String why) {
        ConfirmCommands.Confirmed answer;
        try (RemoteHost fresh = reconnect.connect(host)) {
            Instant giveUp = clock.instant().plus(INSTALL_WAIT);
            while (true) {
                ExecResult r = fresh.run(ConfirmCommands.confirmWhenEnded(runId), COMMAND_TIMEOUT);
                if (r.exitCode() != 0) throw new RemoteScriptException("the confirm command exited " + r.exitCode());
                answer = ConfirmCommands.parseConfirm(r.stdout());
                if (answer != ConfirmCommands.Confirmed.RUNNING || clock.instant().isAfter(giveUp)) break;
                sleeper.sleep(POLL);
            }
        } catch (TransportException | RemoteScriptException e) {
            return revertsLater(host, runId, window, why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return revertsLater(host, runId, window, why);
        }
        switch (answer) {
            case OK:
                return new ApplyReport.HostOutcome(host, ApplyReport.Status.FAILED, why + "; a new SSH session reached the host after its"
                        + " install step ended and confirmed its " + window.what() + " change, so the host keeps what that step did");
            case MISSING:
                return new ApplyReport.HostOutcome(host, ApplyReport.Status.FAILED, why + "; a new SSH session reached the host: no "
                        + window.what() + " change waits to be confirmed there (the step ended before it, or rolled back)");
            case REVERTED:
                return new ApplyReport.HostOutcome(host, ApplyReport.Status.FAILED, why + "; the host already undid the run by itself");
            case RUNNING:
            default:
                return revertsLater(host, runId, window, why);
        }
    }

    private ApplyReport.HostOutcome revertsLater(String host, String runId, ConfirmWindow window, String why) {
        Instant deadline = clock.instant().plusSeconds(window.seconds());
        pending.put(host, new Pending(runId, deadline, window));
        return new ApplyReport.HostOutcome(host, ApplyReport.Status.FAILED, why + "; if the " + window.what()
                + " change was made, the host undoes the run by itself " + window.seconds()
                + " s after its install step ends (about " + time(deadline) + " or later)");
    }

    private String restoresAt(ConfirmWindow window, Instant deadline) {
        return "the host undoes this run (its " + window.what() + " with it) by itself at " + time(deadline) + " (" + window.seconds()
                + " s deadline)";
    }

    private String time(Instant t) {
        return DateTimeFormatter.ofPattern("HH:mm:ss").withZone(clock.getZone()).format(t);
    }

    /**
     * For the hosts {@link #confirm} or {@link #lost} could not confirm: waits until the latest deadline plus
     * {@link #GRACE} (never longer than the window and the grace from now), looks at each host once more over a
     * new session, and adds what it found to that host's outcome.
     */
    List<ApplyReport.HostOutcome> afterDeadlines(List<ApplyReport.HostOutcome> outcomes, int parallel, Progress progress) {
        if (pending.isEmpty()) return outcomes;
        Instant latest = pending.values().stream().map(Pending::deadline).max(Instant::compareTo).orElseThrow().plus(GRACE);
        Duration wait = Duration.between(clock.instant(), latest);
        Duration bound = Duration.ofSeconds(seconds).plus(GRACE);
        if (wait.compareTo(bound) > 0) wait = bound;
        progress.line("waiting until " + time(clock.instant().plus(wait.isNegative() ? Duration.ZERO : wait)) + " for "
                + String.join(", ", pending.keySet().stream().sorted().toList()) + " to undo the run by itself, then looking again");
        try {
            if (!wait.isNegative() && !wait.isZero()) sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return outcomes;
        }
        List<ApplyReport.HostOutcome> checked = ParallelHosts.map(parallel, outcomes, o -> {
            Pending p = pending.get(o.host());
            if (p == null) return o;
            String found = lookAgain(o.host(), p);
            progress.line(found);
            return new ApplyReport.HostOutcome(o.host(), o.status(), o.detail() + "; after the deadline: " + found);
        });
        return new ArrayList<>(checked);
    }

    private String lookAgain(String host, Pending p) {
        ConfirmCommands.Status status;
        try (RemoteHost fresh = reconnect.connect(host)) {
            ExecResult r = fresh.run(ConfirmCommands.status(p.runId()), COMMAND_TIMEOUT);
            if (r.exitCode() != 0) return host + " is reachable again, but its revert status could not be read (exit " + r.exitCode() + ")";
            status = ConfirmCommands.parseStatus(r.stdout());
        } catch (TransportException e) {
            return host + " is still unreachable after its deadline (" + e.getMessage() + "): reach it another way (its console)"
                    + " and see /var/lib/wgform/confirm/log";
        } catch (RemoteScriptException e) {
            return host + " is reachable again, but its revert status could not be read (" + e.getMessage() + ")";
        }
        switch (status.reverted()) {
            case DONE:
                return host + " reverted itself and is reachable again";
            case INCOMPLETE:
                return host + " is reachable again, but its revert did not finish (" + status.detail() + "): see /var/lib/wgform/confirm/log on it";
            case PENDING:
                return host + " is reachable, but its watchdog has not acted yet (its install step may still be running): run plan in a minute";
            case NONE:
            default:
                return host + " is reachable again and reports no revert of run " + p.runId() + " (confirmed meanwhile, or its watchdog died)";
        }
    }
}
