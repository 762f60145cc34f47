package dev.wgform.transport;

/** The one command line every remote script runs under; the script itself travels on standard input. */
final class RemoteCommand {
    static final String SHELL = "sh -s";
    static final String SUDO_SHELL = "sudo -n sh -s";

    private RemoteCommand() {
    }

    /** {@code sudo -n} (never prompts) only when privileges are wanted and the login user lacks them. */
    static String forLogin(String user, boolean become) {
        return become && !user.equals("root") ? SUDO_SHELL : SHELL;
    }
}
