package dev.wgform.app;

import dev.wgform.crypto.WgKeys;
import dev.wgform.facts.KeyFact;
import dev.wgform.model.InvalidInputException;
import dev.wgform.plan.HostPlan;
import dev.wgform.rotate.PlaneMembers;
import dev.wgform.rotate.RotationJournal;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code wgform rotate}: a plane's keys replaced in batches, each through prepare, distribute, swap, verify and commit
 * (or roll back), with the journal rewritten after every stage so a killed run resumes where it stopped. The plane
 * never loses more than the batch being rotated, and only for the moment between a host's key switch and its peers'
 * move to the new key.
 */
public final class RotateService {
    /**
     * @param hosts         the members to rotate; empty for all
     * @param batch         how many rotate at once
     * @param rotatePsk     also replace the PSKs of the rotating hosts' pairs
     * @param verifyTimeout how long to wait for handshakes and pings after a swap
     */
    public record Request(String plane, List<String> hosts, int batch, boolean resume, boolean rotatePsk, Duration verifyTimeout) {
        public Request {
            hosts = List.copyOf(hosts);
            if (batch < 1) throw new IllegalArgumentException("--batch must be at least 1");
            if (verifyTimeout.isNegative() || verifyTimeout.toSeconds() > 3600) throw new IllegalArgumentException("--verify-timeout must be 0 to 3600 s");
        }
    }

    /** Asked once before a new rotation starts, with the journal it would follow. */
    @FunctionalInterface
    public interface Confirmation {
        boolean confirm(RotationJournal journal);
    }

    /** The journal as it ended, and where it is kept. */
    public record Outcome(RotationJournal journal, java.nio.file.Path file, boolean started) {}

    public Outcome rotate(RunOptions options, Request request, Confirmation confirmation, Progress progress)
            throws InvalidInputException, IOException, RotationException {
        JournalFiles journals = new JournalFiles(options.paths().inventory());
        Optional<JournalFiles.Loaded> interrupted = journals.unfinished(request.plane());
        if (!request.resume() && interrupted.isPresent()) {
            throw new RotationException("an interrupted rotation of plane " + request.plane() + " is recorded in "
                    + interrupted.get().file() + ": finish it with wgform rotate --resume (same inventory and playbook)");
        }
        if (request.resume() && interrupted.isEmpty()) {
            throw new RotationException("no interrupted rotation of plane " + request.plane() + " under "
                    + options.paths().inventory().toAbsolutePath().getParent().resolve(".wgform") + ": nothing to resume");
        }
        try (FleetRun run = FleetReader.read(options, progress)) {
            PlaneMembers members = PlaneMembers.of(request.plane(), run.desired);
            checkPlane(run, members, request);
            RotationJournal journal;
            if (interrupted.isPresent()) {
                journal = interrupted.get().journal();
                progress.line("resuming the rotation in " + interrupted.get().file());
            } else {
                checkConverged(run, members);
                List<String> hosts = request.hosts().isEmpty() ? members.hosts() : orderOf(members, request.hosts());
                journal = RotationJournal.start(request.plane(), members.iface(hosts.get(0)).name(), request.rotatePsk(),
                        JournalFiles.now(), hosts, request.batch());
                if (!confirmation.confirm(journal)) return new Outcome(journal, journals.pathFor(journal), false);
                journals.save(journal);
            }
            RotationRun rotation = new RotationRun(options, run, members, journals, journal, request.verifyTimeout(), progress);
            return new Outcome(rotation.runAll(), journals.pathFor(journal), true);
        }
    }

    private static void checkPlane(FleetRun run, PlaneMembers members, Request request) throws RotationException {
        if (!run.loaded.fleet().playbook().planes().containsKey(request.plane())) {
            throw new RotationException("the playbook has no plane '" + request.plane() + "' (planes: "
                    + String.join(", ", run.loaded.fleet().playbook().planes().keySet()) + ")");
        }
        for (String h : request.hosts()) {
            if (!members.contains(h)) {
                throw new RotationException(h + " is not a member of plane " + request.plane() + " (members: " + String.join(", ", members.hosts()) + ")");
            }
        }
        List<String> unreachable = members.hosts().stream().filter(h -> !run.facts.containsKey(h)).toList();
        if (!unreachable.isEmpty()) {
            throw new RotationException("every member of plane " + request.plane() + " must be reachable to rotate its keys (its peers "
                    + "must learn the new ones); not reached: " + String.join(", ", unreachable));
        }
        if (request.rotatePsk() && !run.loaded.fleet().playbook().planes().get(request.plane()).psk()) {
            throw new RotationException("--psk: plane " + request.plane() + " has no pre-shared keys (set psk: true on it and apply first)");
        }
    }

    /** A rotation starts from a plane that matches the playbook, so its reconcile step changes nothing else. */
    private static void checkConverged(FleetRun run, PlaneMembers members) throws RotationException {
        List<String> pending = new ArrayList<>();
        for (String host : members.hosts()) {
            HostPlan p = run.plan.hosts().stream().filter(h -> h.host().equals(host)).findFirst().orElseThrow();
            HostPlan mine = PlaneReconcile.narrow(p, members.iface(host).name(), false, run.rendered.get(host));
            mine.actionable().forEach(c -> pending.add(host + ": " + c.label() + " (" + c.action().name().toLowerCase() + ")"));
            KeyFact key = run.facts.get(host).keys().get(members.iface(host).name());
            if (key == null || !WgKeys.isValidKeyText(key.publicKey())) pending.add(host + ": no usable private key");
        }
        if (!pending.isEmpty()) {
            throw new RotationException("plane " + members.plane() + " does not match the playbook yet: " + String.join("; ", pending)
                    + ". Run wgform apply first, then rotate.");
        }
    }

    private static List<String> orderOf(PlaneMembers members, List<String> wanted) {
        return members.hosts().stream().filter(wanted::contains).toList(); // inventory order, each once
    }
}
