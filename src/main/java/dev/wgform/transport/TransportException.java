package dev.wgform.transport;

/**
 * A host could not be reached, logged into or commanded. The message is for users as it stands: it names the
 * inventory host and the address, says what went wrong and, where there is one, what to do about it.
 */
public final class TransportException extends Exception {
    private static final long serialVersionUID = 1L;

    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
