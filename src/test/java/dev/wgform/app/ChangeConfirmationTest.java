package dev.wgform.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.apply.ConfirmWindow;
import dev.wgform.transport.ExecResult;
import dev.wgform.transport.RemoteHost;
import dev.wgform.transport.TransportException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The workstation's side of a confirmed change, against scripted new sessions and a fixed clock. */
class ChangeConfirmationTest {
    static final ConfirmWindow BOTH = new ConfirmWindow(60, List.of("/etc/nftables.d/wgform.nft"), true, List.of("sshd"));
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T12:33:56Z"), ZoneOffset.UTC);

    /** Each connect takes the next answer: an ExecResult to run, or a TransportException to throw. */
    final Deque<Object> answers = new ArrayDeque<>();
    final List<String> scripts = new ArrayList<>();
    final List<Duration> slept = new ArrayList<>();
    final StringWriter progressText = new StringWriter();
    final Progress progress = new Progress(new PrintWriter(progressText), false);

    ChangeConfirmation confirmation() {
        return new ChangeConfirmation(60, host -> {
            Object a = answers.removeFirst();
            if (a instanceof TransportException) throw (TransportException) a;
            if (a instanceof Scripted) return new Session(host, new ArrayDeque<>(((Scripted) a).results()));
            return new Session(host, (ExecResult) a);
        }, CLOCK, slept::add);
    }

    /** A session whose commands get these answers in turn. */
    record Scripted(List<ExecResult> results) {}

    final class Session implements RemoteHost {
        final String host;
        final ExecResult result;
        final Deque<ExecResult> inTurn;

        Session(String host, ExecResult result) {
            this.host = host;
            this.result = result;
            this.inTurn = new ArrayDeque<>();
        }

        Session(String host, Deque<ExecResult> inTurn) {
            this.host = host;
            this.result = null;
            this.inTurn = inTurn;
        }

        @Override
        public String host() {
            return host;
        }

        @Override
        public ExecResult run(String script, Duration timeout) {
            scripts.add(script);
            return inTurn.isEmpty() ? result : inTurn.removeFirst();
        }

        @Override
        public dev.wgform.transport.RemoteExchange start(String script, Duration timeout) {
            throw new AssertionError("the confirmation only runs commands to their end");
        }

        @Override
        public int commandsRun() {
            return 1;
        }

        @Override
        public void close() {}
    }

    static ExecResult says(String line) {
        return new ExecResult(0, line + "\n", "");
    }

    @Test
    void aConfirmedHostIsAppliedAndNothingIsAwaited() {
        ChangeConfirmation c = confirmation();
        answers.add(says("@@confirm ok"));
        ApplyReport.HostOutcome o = c.confirm("lab-1", "run-1", BOTH, "load firewall, reload sshd", progress);

        assertThat(o).isEqualTo(new ApplyReport.HostOutcome("lab-1", ApplyReport.Status.OK,
                "load firewall, reload sshd; confirmed from a new SSH session"));
        assertThat(scripts.get(0)).contains("RUN='run-1'", "confirm_run");
        assertThat(c.afterDeadlines(List.of(o), 2, progress)).containsExactly(o);
        assertThat(slept).isEmpty();
    }

    @Test
    void aHostThatCannotBeReachedAgainFailsSaysWhenItRevertsAndIsCheckedAfterTheDeadline() {
        ChangeConfirmation c = confirmation();
        answers.add(new TransportException("lab-1 (10.0.0.1): timed out after 10 s connecting"));
        ApplyReport.HostOutcome o = c.confirm("lab-1", "run-1", BOTH, "load firewall", progress);

        assertThat(o.status()).isEqualTo(ApplyReport.Status.FAILED);
        assertThat(o.detail()).isEqualTo("could not reconnect after the firewall and sshd config change (lab-1 (10.0.0.1): timed out"
                + " after 10 s connecting); the host undoes this run (its firewall and sshd config with it) by itself at 12:34:56 (60 s deadline)");

        answers.add(says("@@revert done ok"));
        ApplyReport.HostOutcome other = new ApplyReport.HostOutcome("lab-2", ApplyReport.Status.OK, "up wg-mgmt");
        List<ApplyReport.HostOutcome> after = c.afterDeadlines(List.of(o, other), 2, progress);

        assertThat(slept).containsExactly(Duration.ofSeconds(65)); // deadline + grace, from the fixed clock
        assertThat(after.get(0).detail()).isEqualTo(o.detail() + "; after the deadline: lab-1 reverted itself and is reachable again");
        assertThat(after.get(0).status()).isEqualTo(ApplyReport.Status.FAILED);
        assertThat(after.get(1)).isEqualTo(other);
        assertThat(scripts.get(0)).contains("confirm_status");
        assertThat(progressText.toString()).contains("lab-1: could not reconnect", "waiting until 12:35:01 for lab-1",
                "lab-1 reverted itself and is reachable again");
    }

    @Test
    void aRefusedConnectionIsTriedAgainForAFewSecondsAsAfterAnSshdReload() {
        ChangeConfirmation c = confirmation();
        TransportException refused = new TransportException("lab-1 (10.0.0.1:22): connection refused",
                new java.net.ConnectException("Connection refused"));
        answers.add(refused);
        answers.add(refused);
        answers.add(says("@@confirm ok"));

        ApplyReport.HostOutcome o = c.confirm("lab-1", "run-1", BOTH, "reload sshd", progress);

        assertThat(o.status()).isEqualTo(ApplyReport.Status.OK);
        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void aHostThatKeepsRefusingIsGivenUpAfterFiveMoreTries() {
        ChangeConfirmation c = confirmation();
        for (int i = 0; i < 6; i++) {
            answers.add(new TransportException("lab-1 (10.0.0.1:22): connection refused", new java.net.ConnectException("Connection refused")));
        }

        ApplyReport.HostOutcome o = c.confirm("lab-1", "run-1", BOTH, "reload sshd", progress);

        assertThat(o.status()).isEqualTo(ApplyReport.Status.FAILED);
        assertThat(o.detail()).startsWith("could not reconnect after the firewall and sshd config change (lab-1 (10.0.0.1:22): connection refused)");
        assertThat(slept).hasSize(5);
        assertThat(answers).isEmpty();
    }

    @Test
    void afterTheDeadlineEachFindingIsSaid() {
        assertThat(lookAgainFinds(new TransportException("connection refused")))
                .isEqualTo("lab-1 is still unreachable after its deadline (connection refused): reach it another way (its console)"
                        + " and see /var/lib/wgform/confirm/log");
        assertThat(lookAgainFinds(says("@@revert done incomplete service:sshd")))
                .isEqualTo("lab-1 is reachable again, but its revert did not finish (failed: service:sshd): see /var/lib/wgform/confirm/log on it");
        assertThat(lookAgainFinds(says("@@revert pending"))).startsWith("lab-1 is reachable, but its watchdog has not acted yet");
        assertThat(lookAgainFinds(says("@@revert none"))).startsWith("lab-1 is reachable again and reports no revert of run run-1");
        assertThat(lookAgainFinds(says("garbage"))).startsWith("lab-1 is reachable again, but its revert status could not be read");
    }

    String lookAgainFinds(Object answer) {
        answers.clear();
        ChangeConfirmation c = confirmation();
        answers.add(new TransportException("refused"));
        ApplyReport.HostOutcome o = c.confirm("lab-1", "run-1", BOTH, "x", progress);
        answers.add(answer);
        String detail = c.afterDeadlines(List.of(o), 1, progress).get(0).detail();
        return detail.substring(detail.indexOf("; after the deadline: ") + "; after the deadline: ".length());
    }

    @Test
    void aConfirmCommandThatFailsCountsAsNotConfirmed() {
        ChangeConfirmation c = confirmation();
        answers.add(new ExecResult(1, "", "sudo: a password is required"));
        ApplyReport.HostOutcome o = c.confirm("lab-1", "run-1", BOTH, "x", progress);
        assertThat(o.detail()).startsWith("could not reconnect after the firewall and sshd config change (the confirm command exited 1)");
    }

    @Test
    void tooLateOrWithoutAWatchdogIsSaidAsSuch() {
        ChangeConfirmation c = confirmation();
        answers.add(says("@@confirm reverted"));
        ApplyReport.HostOutcome late = c.confirm("lab-1", "run-1", BOTH, "x", progress);
        assertThat(late.status()).isEqualTo(ApplyReport.Status.FAILED);
        assertThat(late.detail()).startsWith("the confirmation came too late: the host already restored its old firewall and sshd config");

        answers.add(says("@@confirm missing"));
        ApplyReport.HostOutcome gone = c.confirm("lab-2", "run-1", BOTH, "x", progress);
        assertThat(gone.status()).isEqualTo(ApplyReport.Status.OK);
        assertThat(gone.detail()).contains("its watchdog was already gone");
        assertThat(c.afterDeadlines(List.of(late, gone), 1, progress)).containsExactly(late, gone);
        assertThat(slept).isEmpty();
    }

    @Test
    void aLostInstallSessionOfAReachableHostIsConfirmedOnceItsInstallStepHasEnded() {
        answers.add(new Scripted(List.of(says("@@confirm running"), says("@@confirm running"), says("@@confirm ok"))));
        ChangeConfirmation c = confirmation();
        ApplyReport.HostOutcome o = c.lost("lab-1", "run-1", BOTH, "interrupted: connection lost");

        assertThat(o.status()).isEqualTo(ApplyReport.Status.FAILED); // what the step did is not known here: plan says
        assertThat(o.detail()).isEqualTo("interrupted: connection lost; a new SSH session reached the host after its install step ended"
                + " and confirmed its firewall and sshd config change, so the host keeps what that step did");
        assertThat(scripts).hasSize(3).allMatch(sh -> sh.contains("confirm_when_ended"));
        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(c.afterDeadlines(List.of(o), 1, progress)).as("nothing left to wait for").containsExactly(o);
    }

    @Test
    void aLostInstallSessionOfAnUnreachableHostIsLookedAtAgainAfterTheWindow() {
        answers.add(new TransportException("lab-1 (10.0.0.1): timed out after 10 s connecting"));
        ChangeConfirmation c = confirmation();
        ApplyReport.HostOutcome o = c.lost("lab-1", "run-1", BOTH, "interrupted: connection lost");
        assertThat(o.detail()).isEqualTo("interrupted: connection lost; if the firewall and sshd config change was made, the host undoes"
                + " the run by itself 60 s after its install step ends (about 12:34:56 or later)");
        answers.add(says("@@revert done ok"));
        assertThat(c.afterDeadlines(List.of(o), 1, progress).get(0).detail()).endsWith("lab-1 reverted itself and is reachable again");
    }

    @Test
    void offArmsNothing() {
        assertThat(ChangeConfirmation.off().seconds()).isZero();
    }
}
