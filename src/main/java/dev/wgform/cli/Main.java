package dev.wgform.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
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
        CommandLine cmd = commandLine(out, err, colorWanted(args), args);
        try {
            return cmd.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * The command tree for {@code args}, wired to the given writers and to the one error handler. picocli reads every
     * registered command's options by reflection, about a tenth of a second for all of them at start-up: a run gets
     * the commands its arguments name, and every command when they name none (help, a typo) or ask for completion.
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, boolean color, String... args) {
        WgformCommand root = new WgformCommand();
        CommandLine cmd = new CommandLine(root);
        Set<String> words = new HashSet<>(Arrays.asList(args));
        List<Class<?>> named = WgformCommand.SUBCOMMANDS.stream().filter(c -> words.contains(c.getAnnotation(Command.class).name())).toList();
        boolean all = named.isEmpty() || words.contains("completion");
        for (Class<?> c : all ? WgformCommand.SUBCOMMANDS : named) cmd.addSubcommand(c);
        if (all) CompletionCommand.addTo(cmd);
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
