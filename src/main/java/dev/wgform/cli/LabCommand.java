package dev.wgform.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "lab", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "A local lab of hosts to try wgform on.",
        subcommands = {LabCommand.Up.class, LabCommand.Down.class})
final class LabCommand implements Runnable {
    @Mixin(name = GlobalOptions.MIXIN_NAME)
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "lab needs a subcommand: up N or down");
    }

    @Command(name = "up", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
            description = "Start a lab of N hosts.")
    static final class Up extends NotImplemented {
        @Mixin(name = GlobalOptions.MIXIN_NAME)
        GlobalOptions global;

        @Parameters(index = "0", paramLabel = "N", description = "How many hosts.")
        int hosts;
    }

    @Command(name = "down", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
            description = "Stop the lab and remove it.")
    static final class Down extends NotImplemented {
        @Mixin(name = GlobalOptions.MIXIN_NAME)
        GlobalOptions global;
    }
}
