package dev.wgform.planner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;


/**
 * The part of a wg-quick config a running interface can be compared with: each peer's public key and allowed IPs,
 * and the listen port. A lean single pass (unchanged 1000-peer configs are read for every plan); it reads keys the
 * way {@link dev.wgform.wgconf.WgQuickFile} does: any case, '#' comments, AllowedIPs lines adding up.
 *
 * @param routes     public key -> allowed IPs as written, in the config's order
 * @param listenPort the [Interface] ListenPort
 * @param complete   every peer has a known public key (no pending placeholder), so the comparison means something
 */
record ConfigPeers(Map<String, List<String>> routes, OptionalInt listenPort, boolean complete) {
    static ConfigPeers of(String config) {
        Reader r = new Reader();
        int n = config.length();
        int hash = -1; // the next '#' at or after start, looked for again only once passed: one scan, not one per line
        for (int start = 0; start < n; ) {
            int nl = config.indexOf('\n', start);
            int end = nl < 0 ? n : nl;
            if (hash < start) {
                hash = config.indexOf('#', start);
                if (hash < 0) hash = n;
            }
            r.line(config.substring(start, Math.min(hash, end)).trim());
            start = end + 1;
        }
        r.endSection();
        return new ConfigPeers(r.routes, r.port, r.complete);
    }

    private static final class Reader {
        final Map<String, List<String>> routes = new LinkedHashMap<>();
        OptionalInt port = OptionalInt.empty();
        boolean complete = true;
        boolean inPeer;
        String key;
        List<String> allowed = new ArrayList<>();

        void line(String line) {
            if (line.startsWith("[")) {
                endSection();
                inPeer = line.equalsIgnoreCase("[Peer]");
                return;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) return;
            String value = line.substring(eq + 1).trim();
            if (inPeer && key == null && isKey(line, eq, "PublicKey")) {
                key = value;
            } else if (inPeer && isKey(line, eq, "AllowedIPs")) {
                for (String v : value.split(",")) if (!v.isBlank()) allowed.add(v.trim());
            } else if (!inPeer && port.isEmpty() && isKey(line, eq, "ListenPort")) {
                try {
                    port = OptionalInt.of(Integer.parseInt(value));
                } catch (NumberFormatException e) {
                    // wg-quick would refuse the file; nothing to compare
                }
            }
        }

        void endSection() {
            if (inPeer) {
                if (key == null || key.contains("{{")) complete = false;
                else routes.computeIfAbsent(key, k -> new ArrayList<>()).addAll(allowed);
            }
            inPeer = false;
            key = null;
            allowed = new ArrayList<>();
        }
    }

    /** The text before '=' is {@code name} in any case, blanks around it allowed. */
    private static boolean isKey(String line, int eq, String name) {
        int end = eq;
        while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) end--;
        return end == name.length() && line.regionMatches(true, 0, name, 0, name.length());
    }
}
