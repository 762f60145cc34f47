package dev.wgform.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Running local commands: stdin closed, output copied line by line or captured; an interrupted wait ends the process. */
final class Processes {
    private Processes() {}

    /** Runs a command, its standard output and error copied to {@code out} and {@code err}; returns its exit code. */
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
