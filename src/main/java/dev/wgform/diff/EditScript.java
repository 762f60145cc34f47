package dev.wgform.diff;

/**
 * A minimal edit script between two line sequences, as flags: {@code deleted[i]} for old lines not kept,
 * {@code inserted[j]} for new lines that are not in the old text. The lines left unflagged on both sides are a
 * longest common subsequence, paired in order.
 */
final class EditScript {
    final boolean[] deleted;
    final boolean[] inserted;

    EditScript(boolean[] deleted, boolean[] inserted) {
        this.deleted = deleted;
        this.inserted = inserted;
    }
}
