package dev.wgform.apply;

/** A remote step failed or its output cannot be trusted; the message says what happened, never a secret. */
public class RemoteScriptException extends RuntimeException {
    public RemoteScriptException(String message) {
        super(message);
    }
}
