package dev.wgform.wgconf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A parsed wg-quick config, for tests and for comparing a host's file with the desired one. Parses like wg-quick:
 * keys are case-insensitive, {@code #} starts a comment anywhere on a line, and repeated keys add up (several
 * AllowedIPs lines are one list). Placeholders are ordinary values.
 *
 * @param interfaceFields the [Interface] section; keys compared case-insensitively
 * @param peers           the [Peer] sections in file order
 */
public record WgQuickFile(Map<String, List<String>> interfaceFields, List<PeerSection> peers) {
    /** Keys whose values are comma-separated lists in wg and wg-quick. */
    private static final Set<String> LIST_KEYS = caseInsensitiveSet("AllowedIPs", "Address", "DNS");

    public WgQuickFile {
        interfaceFields = immutableFields(interfaceFields);
        peers = List.copyOf(peers);
    }

    /**
     * Parses wg-quick text.
     *
     * @throws IllegalArgumentException naming the line, for a line that is neither a section, a key = value nor blank,
     *                                  or a key before the first section
     */
    public static WgQuickFile parse(String text) {
        Map<String, List<String>> iface = fields();
        List<PeerSection> peers = new ArrayList<>();
        Map<String, List<String>> current = null; // null before the first section header
        List<String> comments = null;
        boolean inPeer = false;
        String[] lines = text.split("\\R", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            int hash = line.indexOf('#');
            String body = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (hash >= 0 && inPeer) {
                String comment = line.substring(hash + 1).trim();
                if (!comment.isEmpty()) comments.add(comment);
            }
            if (body.isEmpty()) continue;
            if (body.startsWith("[")) {
                if (inPeer) peers.add(new PeerSection(comments, current));
                String section = body.toLowerCase(Locale.ROOT);
                if (section.equals("[interface]")) {
                    current = iface;
                    inPeer = false;
                } else if (section.equals("[peer]")) {
                    current = fields();
                    comments = new ArrayList<>();
                    inPeer = true;
                } else {
                    throw new IllegalArgumentException("line " + (n + 1) + ": unknown section " + body);
                }
                continue;
            }
            int eq = body.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("line " + (n + 1) + ": expected key = value");
            if (current == null) throw new IllegalArgumentException("line " + (n + 1) + ": key outside a section");
            String key = body.substring(0, eq).trim();
            String value = body.substring(eq + 1).trim();
            List<String> values = current.computeIfAbsent(key, k -> new ArrayList<>());
            if (LIST_KEYS.contains(key)) {
                for (String v : value.split(",")) if (!v.isBlank()) values.add(v.trim());
            } else {
                values.add(value);
            }
        }
        if (inPeer) peers.add(new PeerSection(comments, current));
        return new WgQuickFile(iface, peers);
    }

    /** The first value of an [Interface] key, any case. */
    public Optional<String> first(String key) {
        List<String> values = interfaceFields.getOrDefault(key, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    static Map<String, List<String>> immutableFields(Map<String, List<String>> fields) {
        Map<String, List<String>> copy = fields();
        fields.forEach((k, v) -> copy.merge(k, List.copyOf(v), (a, b) -> {
            List<String> all = new ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
        }));
        copy.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(copy);
    }

    private static Map<String, List<String>> fields() {
        return new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    }

    private static Set<String> caseInsensitiveSet(String... keys) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        Collections.addAll(set, keys);
        return set;
    }
}
