package dev.wgform.facts;

/**
 * The fact output of one host cannot be trusted: truncated, malformed, or describing a state wgform will not act
 * on (an unreadable managed file, a corrupt key). The message is for users and starts with the host name.
 */
public final class FactsException extends Exception {
    private final String host;

    public FactsException(String host, String message) {
        super(host + ": " + message);
        this.host = host;
    }

    public String host() {
        return host;
    }
}
