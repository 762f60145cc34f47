package dev.wgform.app;

import dev.wgform.facts.ConfirmMarker;
import dev.wgform.facts.HostFacts;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Plan notes for what a confirmed apply left on a host: a run it undid by itself, or one still awaiting confirmation. */
final class ConfirmNotes {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private ConfirmNotes() {}

    static List<String> of(HostFacts facts) {
        List<String> notes = new ArrayList<>();
        for (ConfirmMarker m : facts.confirms()) {
            if (m.state() == ConfirmMarker.State.WAITING) {
                notes.add("run " + m.runId() + " waits for its confirmation from a new SSH session; unless it comes, the host undoes"
                        + " that run by itself, and until then apply is refused here");
                continue;
            }
            String outcome = m.detail().equals("ok") ? "" : " (the revert did not finish: " + m.detail() + ")";
            String when = m.epoch() > 0 ? " at " + WHEN.format(Instant.ofEpochSecond(m.epoch())) : "";
            notes.add("run " + m.runId() + " was never confirmed from a new SSH session, so the host undid it by itself" + when + outcome
                    + "; see /var/lib/wgform/confirm/log there; what that run changed shows here again");
        }
        return notes;
    }
}
