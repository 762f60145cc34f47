package dev.wgform.schedule;

/** Installing or removing a schedule could not be finished; the message says what was done and what is left to do. */
public final class ScheduleException extends Exception {
    private static final long serialVersionUID = 1L;

    public ScheduleException(String message) {
        super(message);
    }
}
