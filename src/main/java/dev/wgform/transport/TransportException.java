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

    /** The host refused the TCP connection: nothing listens on the port, or its sshd is restarting right now. */
    public boolean refused() {
        for (Throwable t = getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException
                    && String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("refused")) return true;
        }
        return false;
    }
}
