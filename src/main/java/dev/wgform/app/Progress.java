package dev.wgform.app;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * Per-host progress as plain lines ("lab-1: facts ok (0.31 s)") on the error stream, so standard output stays the
 * plan or the JSON. Lines from parallel hosts interleave but each line is whole.
 */
public final class Progress {
    private final PrintWriter err;
    private final boolean verbose;

    public Progress(PrintWriter err, boolean verbose) {
        this.err = err;
        this.verbose = verbose;
    }

    public static Progress silent() {
        return new Progress(new PrintWriter(java.io.Writer.nullWriter()), false);
    }

    public void step(String host, String step, Duration took) {
        line(String.format("%s: %s (%.2f s)", host, step, took.toMillis() / 1000.0));
    }

    public void line(String text) {
        synchronized (err) {
            err.println(text);
            err.flush();
        }
    }

    public void verbose(String text) {
        if (verbose) line(text);
    }

    public boolean isVerbose() {
        return verbose;
    }
}
