package dev.wgform.apply;

/** A remote step failed or its output cannot be trusted; the message says what happened, never a secret. */
public class RemoteScriptException extends RuntimeException {
    public RemoteScriptException(String message) {
        super(message);
    }

    /**
     * A line of a step's output wgform does not understand. Our own lines carry no secrets; still, only a bounded
     * prefix is shown.
     */
    static RemoteScriptException malformed(String step, String line) {
        String shown = line.length() > 120 ? line.substring(0, 120) + "..." : line;
        return new RemoteScriptException(step + " printed a line wgform does not understand: " + shown);
    }
}
