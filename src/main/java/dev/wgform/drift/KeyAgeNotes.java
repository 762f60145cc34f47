package dev.wgform.drift;

import dev.wgform.desired.HostState;
import dev.wgform.desired.WgInterface;
import dev.wgform.facts.HostFacts;
import dev.wgform.schedule.Quoting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The plan's notes on key age, by the same rule drift flags them with: every private key's age on a host, and for
 * each key older than the playbook's {@code key_max_age} the command that rotates it. Apply does not act on age
 * (rotation is its own command), so these are notes, never changes: they give a plan no changes and no drift.
 */
public final class KeyAgeNotes {
    private static final String AGES = "key ages: ";

    private KeyAgeNotes() {}

    /**
     * "key ages: wg-mgmt 12d, wg-data 12d", then one note per key older than {@code keyMaxAge}. Keys still to be
     * generated have no age and are left out; a host with no aged key gets no note.
     *
     * @param inventory the inventory path as given on the command line, for the rotate command
     * @param playbook  the playbook path as given on the command line
     */
    public static List<String> of(HostState desired, HostFacts facts, Optional<Duration> keyMaxAge, String inventory, String playbook) {
        String host = desired.host().name();
        List<String> ages = new ArrayList<>();
        List<String> tooOld = new ArrayList<>();
        for (WgInterface i : desired.interfaces()) {
            Optional<KeyAge> age = KeyAge.of(host, i, facts);
            if (age.isEmpty()) continue;
            ages.add(i.name() + " " + KeyAge.text(age.get().ageSeconds()));
            if (age.get().olderThan(keyMaxAge)) {
                tooOld.add(age.get().tooOld(i.name(), keyMaxAge.get()) + "; rotate it with: "
                        + Quoting.shCommand(List.of("wgform", "rotate", "-i", inventory, playbook, "--plane", i.plane(), "--hosts", host)));
            }
        }
        if (ages.isEmpty()) return List.of();
        List<String> notes = new ArrayList<>();
        notes.add(AGES + String.join(", ", ages));
        notes.addAll(tooOld);
        return notes;
    }

    /**
     * Whether {@code note} is one of {@link #of}'s. Ages move with the clock, not with the hosts or the playbook, so a
     * saved plan is compared with a fresh one without them.
     */
    public static boolean isKeyAgeNote(String note) {
        return note.startsWith(AGES) || note.startsWith("private key of ") && note.contains(" older than key_max_age ");
    }
}
