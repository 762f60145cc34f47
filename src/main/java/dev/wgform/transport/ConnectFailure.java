package dev.wgform.transport;

/** Why one step of reaching a host failed, in words for users; {@link SshTransport} adds which host it was. */
final class ConnectFailure extends Exception {
    private static final long serialVersionUID = 1L;

    ConnectFailure(String reason) {
        super(reason);
    }

    ConnectFailure(String reason, Throwable cause) {
        super(reason, cause);
    }
}
