package dev.wgform.json;

/**
 * Malformed JSON. The message starts with the 1-based {@code line:col} of the offending character, so callers can
 * prefix it with a file name: {@code "plan.json:" + e.getMessage()}.
 */
public final class JsonSyntaxException extends IllegalArgumentException {
    private final int line;
    private final int column;
    private final String reason;

    public JsonSyntaxException(int line, int column, String reason) {
        super(line + ":" + column + ": " + reason);
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without its position. */
    public String reason() {
        return reason;
    }
}
