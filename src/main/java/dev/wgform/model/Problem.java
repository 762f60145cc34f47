package dev.wgform.model;

/**
 * One thing wrong with the user's input: where, which key, and what to do about it.
 * Rendered as {@code file:line:col: key: message}.
 */
public record Problem(SourceRef where, String key, String message) {
    public Problem {
        if (where == null || message == null) throw new IllegalArgumentException("where and message are required");
        key = key == null ? "" : key;
    }

    @Override
    public String toString() {
        return key.isEmpty() ? where + ": " + message : where + ": " + key + ": " + message;
    }
}
