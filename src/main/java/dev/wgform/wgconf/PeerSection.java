package dev.wgform.wgconf;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One [Peer] section of a wg-quick file.
 *
 * @param comments the section's comment lines without {@code #}, trimmed; wgform writes the peer's host name first
 * @param fields   keys compared case-insensitively, as wg-quick does; list values (AllowedIPs) split at commas
 */
public record PeerSection(List<String> comments, Map<String, List<String>> fields) {
    public PeerSection {
        comments = List.copyOf(comments);
        fields = WgQuickFile.immutableFields(fields);
    }

    /** The first value of {@code key}, any case. */
    public Optional<String> first(String key) {
        List<String> values = fields.getOrDefault(key, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public Optional<String> publicKey() {
        return first("PublicKey");
    }

    /** Every AllowedIPs entry, from all AllowedIPs lines, in order. */
    public List<String> allowedIps() {
        return fields.getOrDefault("AllowedIPs", List.of());
    }

    /** The first comment: the peer's host name in files wgform renders. */
    public Optional<String> name() {
        return comments.isEmpty() ? Optional.empty() : Optional.of(comments.get(0));
    }
}
