package dev.wgform.planner;

import dev.wgform.diff.UnifiedDiff;
import dev.wgform.facts.FileFact;
import dev.wgform.plan.Action;
import dev.wgform.plan.FileChange;
import dev.wgform.render.RenderedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A rendered file against the host's copy: create, update (content or mode) or nothing, with a redacted diff. */
final class FileDiffs {
    static final int CONTEXT = 3;
    private static final String NO_FILE = "/dev/null";

    private FileDiffs() {}

    /**
     * The outcome for one file: its action, its file change, whether the text changes, detail lines, and the host's
     * file as compared (redacted; empty when absent).
     */
    record Outcome(Action action, FileChange file, boolean contentChanged, List<String> details, String current) {}

    static Outcome compare(RenderedFile rendered, FileFact fact) {
        String redacted = Redaction.redacted(rendered.content());
        boolean pending = Redaction.hasPendingKeys(redacted);
        List<String> details = new ArrayList<>();
        if (!fact.exists()) {
            Optional<String> newSha = pending ? Optional.empty() : Optional.of(RenderedFile.sha256(redacted));
            String diff = UnifiedDiff.diff(NO_FILE, rendered.path(), "", Redaction.forDisplay(redacted), CONTEXT);
            return new Outcome(Action.CREATE, new FileChange(rendered.path(), rendered.mode(), rendered.kind(), Optional.empty(),
                    newSha, rendered.content(), diff), true, details, "");
        }
        Optional<String> oldSha = Optional.of(fact.sha256()).filter(s -> !s.isEmpty());
        String current = Redaction.hostContent(fact.content());
        boolean contentChanged = !redacted.equals(current);
        boolean modeChanged = (fact.mode() & 07777) != rendered.mode();
        if (modeChanged) details.add("mode " + octal(fact.mode() & 07777) + " -> " + octal(rendered.mode()));
        // the same text as the host's (not redacted again) has the digest its facts carry: a converged fleet's
        // 200 MB of configs are not hashed twice
        Optional<String> newSha = pending ? Optional.empty()
                : !contentChanged && current == fact.content() && oldSha.isPresent() ? oldSha : Optional.of(RenderedFile.sha256(redacted));
        if (!contentChanged && !modeChanged) {
            return new Outcome(Action.NOOP, new FileChange(rendered.path(), rendered.mode(), rendered.kind(), oldSha, newSha, "", ""),
                    false, details, current);
        }
        String diff = contentChanged
                ? UnifiedDiff.diff(rendered.path(), rendered.path(), current, Redaction.forDisplay(redacted), CONTEXT)
                : "";
        return new Outcome(Action.UPDATE, new FileChange(rendered.path(), rendered.mode(), rendered.kind(), oldSha, newSha,
                rendered.content(), diff), contentChanged, details, current);
    }

    /** A managed file that is no longer rendered; {@code fact} exists. */
    static FileChange deletion(FileFact fact, String kind) {
        Optional<String> oldSha = Optional.of(fact.sha256()).filter(s -> !s.isEmpty());
        String diff = UnifiedDiff.diff(fact.path(), NO_FILE, Redaction.hostContent(fact.content()), "", CONTEXT);
        return new FileChange(fact.path(), fact.mode() & 07777, kind, oldSha, Optional.empty(), "", diff);
    }

    static String octal(int mode) {
        return String.format("%04o", mode);
    }
}
