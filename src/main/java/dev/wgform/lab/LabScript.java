package dev.wgform.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * lab.sh, shipped in the jar: copied to a temporary file for each run (bash cannot run a script from inside
 * a jar) and run with bash; its output goes line by line to the command's writers, its exit code is returned.
 */
final class LabScript {
    static final String RESOURCE = "/lab/lab.sh";

    private final PrintWriter out;
    private final PrintWriter err;

    LabScript(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** Runs {@code bash lab.sh ARGS...}; returns its exit code. */
    int run(String... args) throws IOException, InterruptedException {
        Path script = Files.createTempFile("wgform-lab-", ".sh"); // 0600: only root reads it
        try {
            try (InputStream in = LabScript.class.getResourceAsStream(RESOURCE)) {
                if (in == null) throw new IOException("lab script " + RESOURCE + " is missing from the wgform jar");
                Files.write(script, in.readAllBytes());
            }
            List<String> command = new ArrayList<>(List.of("bash", script.toString()));
            command.addAll(List.of(args));
            return Commands.run(command, out, err);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** Small process helpers: stdin closed, output copied or captured, interruption ends the process. */
    static final class Commands {
        private Commands() {}

        static int run(List<String> command, PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            Thread stdout = copier(process.getInputStream(), out);
            Thread stderr = copier(process.getErrorStream(), err);
            try {
                int code = process.waitFor();
                stdout.join();
                stderr.join();
                return code;
            } finally {
                if (process.isAlive()) process.destroy();
            }
        }

        /** Standard output of a command that must succeed; its error output becomes the exception's message. */
        static String capture(List<String> command) throws IOException, InterruptedException {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            StringBuilder errors = new StringBuilder();
            Thread stderr = new Thread(() -> errors.append(readAll(process.getErrorStream())));
            stderr.start();
            try {
                String output = readAll(process.getInputStream());
                int code = process.waitFor();
                stderr.join();
                if (code != 0) {
                    throw new IOException(String.join(" ", command) + " failed (exit " + code + "): " + errors.toString().strip());
                }
                return output;
            } finally {
                if (process.isAlive()) process.destroy();
            }
        }

        private static Thread copier(InputStream from, PrintWriter to) {
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        to.println(line);
                        to.flush();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            t.setDaemon(true);
            t.start();
            return t;
        }

        private static String readAll(InputStream in) {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
