package dev.wgform.view;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs the real outside checkers (promtool, Chromium) for the view tests, never for longer than a deadline. */
final class DriftProcesses {
    private DriftProcesses() {}

    /** The first of {@code names} found on the PATH. */
    static Optional<Path> find(String... names) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String name : names) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) continue;
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Runs {@code command} with stdin from {@code stdin} (or nothing) and stdout/stderr into files; returns the exit
     * code. Past {@code deadline} the process and everything it started are killed and an exception says so.
     */
    static int run(List<String> command, Optional<Path> stdin, Path stdout, Path stderr, Duration deadline)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.redirectInput(stdin.isPresent() ? ProcessBuilder.Redirect.from(stdin.get().toFile()) : ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        try {
            if (!p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException(command.get(0) + " still running after " + deadline.toSeconds() + " s; killed");
            }
            return p.exitValue();
        } finally {
            if (p.isAlive() || p.descendants().findAny().isPresent()) {
                // Chromium leaves helpers (zygote, GPU, crashpad) behind when killed: take the whole tree down.
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
