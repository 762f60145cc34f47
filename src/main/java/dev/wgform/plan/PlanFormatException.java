package dev.wgform.plan;

/** A plan tree that is not a wgform plan of a supported format: {@code where} is its JSON path ("hosts[1].changes[0].action"). */
public final class PlanFormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String where;
    private final String reason;

    public PlanFormatException(String where, String reason) {
        super(where.isEmpty() ? reason : where + ": " + reason);
        this.where = where;
        this.reason = reason;
    }

    /** The message without the path. */
    public String reason() {
        return reason;
    }

    public String where() {
        return where;
    }
}
