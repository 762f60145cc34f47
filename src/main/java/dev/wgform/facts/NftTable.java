package dev.wgform.facts;

import java.util.Objects;

/**
 * wgform's nftables table as it is loaded on the host.
 *
 * @param present        the table exists
 * @param sha256         hex sha256 of its listing ({@code nft -s list table}, trailing newlines cut to one); empty
 *                       when absent
 * @param recordedSha256 the same hash as apply recorded after its last load (/var/lib/wgform/nftables.sha256);
 *                       empty when never recorded
 */
public record NftTable(boolean present, String sha256, String recordedSha256) {
    public NftTable {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(recordedSha256, "recordedSha256");
    }

    /** Loaded, but not what wgform loaded last: someone changed it by hand. */
    public boolean changedSinceLoad() {
        return present && !recordedSha256.isEmpty() && !recordedSha256.equals(sha256);
    }
}
