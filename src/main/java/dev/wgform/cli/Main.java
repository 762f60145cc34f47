package dev.wgform.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/**
 * Entry point. {@link #main} only exits with what {@link #run} returns, so every command can be run
 * and checked in-process with writers of the test's choosing.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one wgform command line; everything is printed through {@code out} and {@code err}. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cmd = commandLine(out, err, colorWanted(args));
        try {
            return cmd.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The whole command tree, wired to the given writers and to the one error handler. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, boolean color) {
        WgformCommand root = new WgformCommand();
        CommandLine cmd = new CommandLine(root);
        CompletionCommand.addTo(cmd);
        ErrorHandler errors = new ErrorHandler(root.global);
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setColorScheme(CommandLine.Help.defaultColorScheme(color ? Ansi.AUTO : Ansi.OFF));
        cmd.setParameterExceptionHandler(errors);
        cmd.setExecutionExceptionHandler(errors);
        return cmd;
    }

    // Help is printed before any command runs, so --no-color and NO_COLOR are looked at here, up front.
    private static boolean colorWanted(String[] args) {
        String noColor = System.getenv("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) return false;
        for (String a : args) {
            if (a.equals("--")) break;
            if (a.equals("--no-color")) return false;
        }
        return true;
    }
}
