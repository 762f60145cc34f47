package dev.wgform.inventory;

import dev.wgform.model.InvalidInputException;
import dev.wgform.model.Problem;
import dev.wgform.model.SourceRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects every problem found while loading, so the user can fix them all in one go.
 * The same problem reached twice (a group variable checked for each of its hosts) is kept once.
 */
final class Problems {
    private final Set<Problem> found = new LinkedHashSet<>();
    private final boolean discard;

    Problems() {
        this(false);
    }

    private Problems(boolean discard) {
        this.discard = discard;
    }

    void add(SourceRef where, String key, String message) {
        if (!discard) found.add(new Problem(where, key, message));
    }

    void addAll(Problems other) {
        found.addAll(other.found);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    int size() {
        return found.size();
    }

    List<Problem> all() {
        return List.copyOf(new ArrayList<>(found));
    }

    void throwIfAny() throws InvalidInputException {
        if (!found.isEmpty()) throw new InvalidInputException(all());
    }

    /** A sink for re-reading values whose problems were already reported where they were written. */
    static Problems discarding() {
        return new Problems(true);
    }
}
