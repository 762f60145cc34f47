package dev.wgform.rotate;

import java.util.Locale;
import java.util.Optional;

/**
 * Where one host's key rotation stands. The journal records a stage only once it is done on every host it touches,
 * so a resumed run repeats at most the stage it was killed in (every stage can run twice).
 */
public enum Stage {
    /** Nothing done yet. */
    PENDING,
    /** {@code <key>.next} made on the host; its public key is known. */
    PREPARED,
    /** Every peer has a staged entry for the new public key (and the pair's next PSK, when PSKs rotate). */
    DISTRIBUTED,
    /** The host uses the new key, peers route to it, the files say so; the old material is kept as {@code .prev}. */
    SWAPPED,
    /** Fresh handshakes with every peer and pings through the tunnel after the swap. */
    VERIFIED,
    /** Old material removed: done. */
    COMMITTED,
    /** Verification or the swap failed: the old key is back on the host and its peers. */
    ROLLED_BACK,
    /** Stopped before the swap: the staged entries and {@code .next} files are removed, the old key never left. */
    ABORTED,
    /** Not started because an earlier batch failed. */
    SKIPPED;

    public boolean isFinal() {
        return this == COMMITTED || this == ROLLED_BACK || this == ABORTED || this == SKIPPED;
    }

    /** Whether the host runs on its new key at this stage. */
    public boolean onNewKey() {
        return this == SWAPPED || this == VERIFIED || this == COMMITTED;
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Stage> fromJson(String name) {
        for (Stage s : values()) if (s.jsonName().equals(name)) return Optional.of(s);
        return Optional.empty();
    }
}
