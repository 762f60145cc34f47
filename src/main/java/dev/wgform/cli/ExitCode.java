package dev.wgform.cli;

/** wgform's exit codes; 2 is reserved for "changes or drift present", so usage errors are 1, not picocli's 2. */
final class ExitCode {
    static final int OK = 0;
    static final int ERROR = 1;
    static final int CHANGES = 2;

    private ExitCode() {}
}
