package dev.wgform.schedule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What cron does to a crontab command before /bin/sh sees it, after cronie's and Vixie cron's do_command.c. */
final class CronEmulation {
    private CronEmulation() {}

    /** The command sh gets: up to the first unescaped %, with every \% made %; other backslashes stay. */
    static String commandPart(String cronCommand) {
        StringBuilder command = new StringBuilder();
        boolean escaped = false;
        for (char c : cronCommand.toCharArray()) {
            if (escaped) {
                if (c == '%') command.setLength(command.length() - 1);
                command.append(c);
                escaped = false;
                continue;
            }
            if (c == '%') return command.toString() + "\u0000STDIN"; // marks that cron would cut here
            command.append(c);
            if (c == '\\') escaped = true;
        }
        return command.toString();
    }

    /** Runs a command line with /bin/sh -c (as cron does) and returns its standard output. */
    static String sh(String commandLine) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("/bin/sh", "-c", commandLine).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.SECONDS)) throw new IllegalStateException("sh did not finish: " + commandLine);
        if (process.exitValue() != 0) throw new IllegalStateException("sh exited " + process.exitValue() + ": " + out);
        return out;
    }

    static List<String> nulSeparated(String out) {
        if (out.isEmpty()) return List.of();
        return List.of(out.substring(0, out.length() - 1).split("\u0000", -1));
    }
}
