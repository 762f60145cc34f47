package dev.wgform.cli;

import dev.wgform.model.InvalidInputException;
import dev.wgform.model.Problem;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place where errors become messages and exit codes: problems in the user's input are listed with
 * file:line, usage errors get a hint, anything else is one line (the stack trace only with --stacktrace).
 */
final class ErrorHandler implements IParameterExceptionHandler, IExecutionExceptionHandler {
    private final GlobalOptions global;

    ErrorHandler(GlobalOptions global) {
        this.global = global;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getColorScheme().errorText("wgform: " + ex.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCode.ERROR;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        if (ex instanceof InvalidInputException) {
            InvalidInputException invalid = (InvalidInputException) ex;
            for (Problem p : invalid.problems()) err.println(p);
            int n = invalid.problems().size();
            err.println("wgform: " + n + " problem" + (n == 1 ? "" : "s") + " in the input; nothing was changed.");
        } else {
            err.println("error: " + describe(ex));
            if (global.stacktrace()) ex.printStackTrace(err);
        }
        err.flush();
        return ExitCode.ERROR;
    }

    // The JDK's file exceptions carry only the path as their message; say what went wrong with it.
    static String describe(Throwable ex) {
        Throwable t = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
        if (t instanceof NoSuchFileException) return "no such file or directory: " + ((FileSystemException) t).getFile();
        if (t instanceof AccessDeniedException) return "permission denied: " + ((FileSystemException) t).getFile();
        if (t instanceof FileAlreadyExistsException) return "already exists: " + ((FileSystemException) t).getFile();
        if (t instanceof NotDirectoryException) return "not a directory: " + ((FileSystemException) t).getFile();
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
