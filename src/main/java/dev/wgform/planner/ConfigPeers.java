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
        Reader r = new Reader(config);
        int n = config.length();
        int hash = -1; // the next '#' at or after start, looked for again only once passed: one scan, not one per line
        for (int start = 0; start < n; ) {
            int nl = config.indexOf('\n', start);
            int end = nl < 0 ? n : nl;
            if (hash < start) {
                hash = config.indexOf('#', start);
                if (hash < 0) hash = n;
            }
            // the line without its comment and surrounding blanks, as offsets: no substring for lines not read
            int from = start;
            int to = Math.min(hash, end);
            while (from < to && config.charAt(from) <= ' ') from++;
            while (to > from && config.charAt(to - 1) <= ' ') to--;
            if (from < to) r.line(from, to);
            start = end + 1;
        }
        r.endSection();
        return new ConfigPeers(r.routes, r.port, r.complete);
    }

    private static final class Reader {
        final String text;
        final Map<String, List<String>> routes = new LinkedHashMap<>();
        OptionalInt port = OptionalInt.empty();
        boolean complete = true;
        boolean inPeer;
        String key;
        List<String> allowed = new ArrayList<>();

        Reader(String text) {
            this.text = text;
        }

        /** The line text[from, to), trimmed, not empty. */
        void line(int from, int to) {
            if (text.charAt(from) == '[') {
                endSection();
                inPeer = to - from == 6 && text.regionMatches(true, from, "[Peer]", 0, 6);
                return;
            }
            int eq = text.indexOf('=', from);
            if (eq <= from || eq >= to) return;
            if (inPeer && key == null && isKey(from, eq, "PublicKey")) {
                key = value(eq, to);
            } else if (inPeer && isKey(from, eq, "AllowedIPs")) {
                for (String v : value(eq, to).split(",")) if (!v.isBlank()) allowed.add(v.trim());
            } else if (!inPeer && port.isEmpty() && isKey(from, eq, "ListenPort")) {
                try {
                    port = OptionalInt.of(Integer.parseInt(value(eq, to)));
                } catch (NumberFormatException e) {
                    // wg-quick would refuse the file; nothing to compare
                }
            }
        }

        private String value(int eq, int to) {
            return text.substring(eq + 1, to).trim();
        }

        /** The text between the line's start and '=' is {@code name} in any case, blanks before '=' allowed. */
        private boolean isKey(int from, int eq, String name) {
            int end = eq;
            while (end > from && Character.isWhitespace(text.charAt(end - 1))) end--;
            return end - from == name.length() && text.regionMatches(true, from, name, 0, name.length());
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
}
