package dev.wgform.facts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a generated script the way the transport does (script on stdin of {@code sh -s}), locally. */
public final class ScriptRunner {
    private ScriptRunner() {}

    public record Result(int exit, String stdout, String stderr) {}

    static Result run(List<String> shell, String script, Map<String, String> env) {
        return runAnswering(shell, script, env, null, null);
    }

    /**
     * Runs {@code script} as the transport runs a reading command that asks: its standard input stays open until it
     * prints {@code ask}; then {@code answer} (null: none) and the end of input. A null {@code ask}: no question.
     */
    static Result runAnswering(List<String> shell, String script, Map<String, String> env, String ask, String answer) {
        List<String> command = new ArrayList<>(shell);
        command.add("-s");
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
            Result r = exchange(p, script, ask, answer);
            return new Result(r.exit(), r.stdout(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Feeds a started {@code sh -s} its script, and, when {@code ask} is not null, {@code answer} (null: none) once
     * the script printed {@code ask} as a whole line; then the end of input. Its standard error is the caller's.
     *
     * @return the exit status and everything it printed, byte for byte (stderr empty)
     */
    public static Result exchange(Process p, String script, String ask, String answer) {
        CompletableFuture<Void> asked = new CompletableFuture<>();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> printed(p.getInputStream(), ask, asked));
        try {
            try (OutputStream in = p.getOutputStream()) {
                in.write(script.getBytes(StandardCharsets.UTF_8));
                in.flush();
                if (ask != null) {
                    asked.get(30, TimeUnit.SECONDS);
                    if (answer != null) in.write(answer.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("script did not finish in 30 s");
            }
            return new Result(p.exitValue(), out.join(), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            p.destroyForcibly();
            throw new AssertionError("the script did not print " + ask + " in 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** All of {@code in}; {@code asked} completes once {@code ask} was printed as a whole line, or at the end. */
    private static String printed(InputStream in, String ask, CompletableFuture<Void> asked) {
        byte[] line = ask == null ? null : (ask + "\n").getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        try (in) {
            byte[] b = new byte[8192];
            for (int n; (n = in.read(b)) > 0; ) {
                all.write(b, 0, n);
                if (line != null && !asked.isDone() && holdsLine(all.toByteArray(), line)) asked.complete(null);
            }
            return all.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            asked.complete(null);
        }
    }

    /** Whether {@code out} holds {@code line} (with its newline) at a line start; the script waits after printing it. */
    private static boolean holdsLine(byte[] out, byte[] line) {
        String text = new String(out, StandardCharsets.UTF_8);
        String l = new String(line, StandardCharsets.UTF_8);
        return text.startsWith(l) || text.contains("\n" + l);
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The absolute path of {@code name} on this machine's PATH. */
    static Optional<Path> which(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(p)) return Optional.of(p.toAbsolutePath());
        }
        return Optional.empty();
    }

    /** Runs a local command and returns its stdout (for {@code wg genkey} and friends). */
    static String exec(String stdin, String... command) {
        Result r = runArgs(List.of(command), stdin);
        if (r.exit() != 0) throw new AssertionError(String.join(" ", command) + " failed: " + r.stderr());
        return r.stdout();
    }

    private static Result runArgs(List<String> command, String stdin) {
        try {
            Process p = new ProcessBuilder(command).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.waitFor(30, TimeUnit.SECONDS);
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path executable(Path file, String content) {
        write(file, content);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
