package dev.wgform.plan;

/** Invariants shared by the plan records. */
final class Checks {
    private Checks() {}

    static void name(String value, String what) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(what + " is required");
    }

    static void path(String path) {
        if (path == null || !path.startsWith("/")) throw new IllegalArgumentException("path must be absolute: " + path);
    }

    /**
     * Refuses text that would put a key into a plan: a PrivateKey or PresharedKey line (in a file, or a diff line
     * after its +, - or space) whose value is not a placeholder, the host's marker or "(sensitive)". A last line of
     * defence: the planner never puts one there.
     */
    static void noSecret(String text, String what) {
        int n = text.length();
        for (int start = 0; start < n; ) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? n : nl;
            if (leaksSecret(text, start, end)) {
                throw new IllegalArgumentException(what + " has a PrivateKey or PresharedKey value that is not a placeholder");
            }
            start = end + 1;
        }
    }

    private static boolean leaksSecret(String s, int from, int to) {
        int i = from;
        if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-' || s.charAt(i) == ' ')) i++;
        while (i < to && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
        int key;
        if (s.regionMatches(true, i, "PrivateKey", 0, 10)) key = 10;
        else if (s.regionMatches(true, i, "PresharedKey", 0, 12)) key = 12;
        else return false;
        i += key;
        while (i < to && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
        if (i == to || s.charAt(i) != '=') return false;
        i++;
        while (i < to && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
        if (i == to || Character.isWhitespace(s.charAt(i)) || s.charAt(i) == '#') return false;
        return !s.startsWith("{{wgform-secret", i) && !s.startsWith("(sensitive)", i);
    }
}
