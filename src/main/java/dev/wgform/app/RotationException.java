package dev.wgform.app;

/** A rotation that cannot start or go on, with what to do about it; nothing was changed by the step that threw it. */
public final class RotationException extends Exception {
    public RotationException(String message) {
        super(message);
    }
}
