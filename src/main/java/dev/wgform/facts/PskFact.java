package dev.wgform.facts;

/**
 * A pre-shared key file: {@code hash} is the sha256 of its bytes, computed on the host, so two peers' copies can be
 * compared without either value leaving its host. A hash of 32 random bytes gives nothing away, and one sha256sum
 * call hashes every PSK of a host (a prefix per file, as format 1 had, cost one process per PSK). {@code mode} is the
 * file's, {@link KeyFact#UNKNOWN_MODE} when not known.
 */
public record PskFact(String path, String hash, long mtimeEpoch, int mode) {
    public PskFact(String path, String hash, long mtimeEpoch) {
        this(path, hash, mtimeEpoch, KeyFact.UNKNOWN_MODE);
    }
}
