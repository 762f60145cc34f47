package dev.wgform.transport;

import java.util.Objects;

/** What one remote command gave back: its exit status and its output, decoded as UTF-8. */
public record ExecResult(int exitCode, String stdout, String stderr) {
    public ExecResult {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    public boolean succeeded() {
        return exitCode == 0;
    }
}
