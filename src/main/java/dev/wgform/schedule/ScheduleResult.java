package dev.wgform.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * What installing or removing a schedule did, for the CLI to print.
 *
 * @param changes what was written or removed where ({@code wrote /etc/systemd/system/wgform-drift-1a2b3c4d.timer})
 * @param ran     commands run, as a shell would show them
 * @param toRun   commands the user still has to run (systemd is not running here), in order
 * @param notes   how to see the runs, what to watch out for
 */
public record ScheduleResult(List<String> changes, List<String> ran, List<String> toRun, List<String> notes) {
    public ScheduleResult {
        changes = List.copyOf(changes);
        ran = List.copyOf(ran);
        toRun = List.copyOf(toRun);
        notes = List.copyOf(notes);
    }

    /** Whether anything was written, removed or run (false: uninstall found nothing). */
    public boolean changedAnything() {
        return !changes.isEmpty() || !ran.isEmpty();
    }

    /** Everything, one line each, ready to print. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>(changes);
        for (String command : ran) lines.add("ran: " + command);
        if (!toRun.isEmpty()) {
            lines.add("to finish, run:");
            for (String command : toRun) lines.add("  " + command);
        }
        lines.addAll(notes);
        return lines;
    }

    /** Collects a result step by step. */
    static final class Builder {
        private final List<String> changes = new ArrayList<>();
        private final List<String> ran = new ArrayList<>();
        private final List<String> toRun = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        Builder change(String change) {
            changes.add(change);
            return this;
        }

        Builder ran(String command) {
            ran.add(command);
            return this;
        }

        Builder toRun(String command) {
            toRun.add(command);
            return this;
        }

        Builder note(String note) {
            notes.add(note);
            return this;
        }

        List<String> changesSoFar() {
            return List.copyOf(changes);
        }

        ScheduleResult build() {
            return new ScheduleResult(changes, ran, toRun, notes);
        }
    }
}
