package dev.wgform.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Options every command accepts, before or after the subcommand name. Each command gets its own instance of
 * this mixin; the setters store into the root command's instance, so there is one place to read them from
 * (the pattern from picocli's manual, "Use Case: Configure Log Level with a Global Option").
 * No option declares a defaultValue: picocli would re-apply it while parsing the subcommand and undo a
 * value given before the subcommand name.
 */
public final class GlobalOptions {
    static final String MIXIN_NAME = "global";
    static final int DEFAULT_PARALLEL = 16;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    private Optional<Path> knownHosts = Optional.empty();
    private boolean acceptNewHostKeys;
    private int parallel = DEFAULT_PARALLEL;
    private boolean noColor;
    private Optional<Path> templates = Optional.empty();
    private boolean verbose;
    private boolean stacktrace;

    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "Known hosts file; unknown or changed host keys are refused (default: ~/.ssh/known_hosts).")
    void setKnownHosts(Path file) {
        root().knownHosts = Optional.of(file);
    }

    @Option(names = "--accept-new-host-keys", description = "Record keys of hosts not yet in the known hosts file (changed keys are still refused).")
    void setAcceptNewHostKeys(boolean value) {
        root().acceptNewHostKeys = value;
    }

    @Option(names = "--parallel", paramLabel = "N", description = "Hosts worked on at once (default: " + DEFAULT_PARALLEL + ").")
    void setParallel(int n) {
        if (n < 1) throw new ParameterException(mixee.commandLine(), "--parallel must be at least 1, not " + n);
        root().parallel = n;
    }

    @Option(names = "--no-color", description = "No colours in the output (also when NO_COLOR is set).")
    void setNoColor(boolean value) {
        root().noColor = value;
    }

    @Option(names = "--templates", paramLabel = "DIR", description = "Templates that override the built-in ones, file by file.")
    void setTemplates(Path dir) {
        root().templates = Optional.of(dir);
    }

    @Option(names = "--verbose", description = "Say more about what is being done.")
    void setVerbose(boolean value) {
        root().verbose = value;
    }

    @Option(names = "--stacktrace", description = "Print the stack trace of an unexpected error.")
    void setStacktrace(boolean value) {
        root().stacktrace = value;
    }

    public Optional<Path> knownHosts() {
        return root().knownHosts;
    }

    public boolean acceptNewHostKeys() {
        return root().acceptNewHostKeys;
    }

    public int parallel() {
        return root().parallel;
    }

    public boolean color() {
        String env = System.getenv("NO_COLOR");
        return !root().noColor && (env == null || env.isEmpty());
    }

    public Optional<Path> templates() {
        return root().templates;
    }

    public boolean verbose() {
        return root().verbose;
    }

    public boolean stacktrace() {
        return root().stacktrace;
    }

    // The root command's instance; this one when the command runs on its own (no root above it).
    private GlobalOptions root() {
        if (mixee == null) return this;
        CommandSpec rootMixin = mixee.root().mixins().get(MIXIN_NAME);
        return rootMixin == null ? this : (GlobalOptions) rootMixin.userObject();
    }
}
