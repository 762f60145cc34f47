package dev.wgform.plan;

import java.util.regex.Pattern;

/** Invariants shared by the plan records. */
final class Checks {
    /**
     * A PrivateKey or PresharedKey line whose value is not a placeholder or marker: a secret, which no plan may hold.
     * Matched in file contents and diff lines (the diff's leading +, - or space is allowed).
     */
    private static final Pattern SECRET_LINE = Pattern.compile(
            "(?im)^[ +-]?[ \\t]*(?:PrivateKey|PresharedKey)[ \\t]*=[ \\t]*(?!\\{\\{wgform-secret|\\(sensitive\\))[^\\s#]");

    private Checks() {}

    static void name(String value, String what) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(what + " is required");
    }

    static void path(String path) {
        if (path == null || !path.startsWith("/")) throw new IllegalArgumentException("path must be absolute: " + path);
    }

    /** Refuses text that would put a key into a plan: a last line of defence, the planner never puts one there. */
    static void noSecret(String text, String what) {
        if (SECRET_LINE.matcher(text).find()) {
            throw new IllegalArgumentException(what + " has a PrivateKey or PresharedKey value that is not a placeholder");
        }
    }
}
