package dev.wgform.schedule;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs systemctl and crontab on this machine; tests give a fake. */
public interface CommandRunner {
    /** Exit code 127 when the program is not there (as a shell would say). */
    record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    Result run(List<String> argv, String stdin) throws IOException;

    /** The real one: a child process, waited for at most a minute. */
    static CommandRunner processes() {
        return (argv, stdin) -> {
            Process process;
            try {
                process = new ProcessBuilder(argv).start();
            } catch (IOException e) {
                return new Result(127, "", argv.get(0) + ": " + e.getMessage());
            }
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            String stdout = read(process.getInputStream());
            try {
                if (!process.waitFor(1, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    return new Result(124, stdout, String.join(" ", argv) + ": no answer after a minute");
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + String.join(" ", argv), e);
            }
            return new Result(process.exitValue(), stdout, stderr.join());
        };
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
