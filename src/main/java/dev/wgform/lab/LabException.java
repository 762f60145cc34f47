package dev.wgform.lab;

/** The lab cannot be started or stopped here, and the message says why and what to do. Exit code 1. */
public final class LabException extends Exception {
    private static final long serialVersionUID = 1L;

    public LabException(String message) {
        super(message);
    }
}
