package dev.wgform.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root command: on its own it only asks for a subcommand. */
@Command(
        name = "wgform",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersion.class,
        description = "Declarative WireGuard planes over SSH: private networks under a fleet, services bound to them, "
                + "the public side locked down.",
        footerHeading = "%nExit codes:%n",
        footer = {"  0  ok, no changes", "  1  error (input problems, usage, failures)",
                "  2  changes or drift present (plan --detailed-exitcode, drift)"})
final class WgformCommand implements Runnable {
    /** The subcommands, in the order help lists them (registered by {@link Main#commandLine}). */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            ValidateCommand.class, RenderCommand.class, GraphCommand.class,
            PlanCommand.class, ApplyCommand.class, DriftCommand.class, RotateCommand.class, StatusCommand.class,
            WorkstationCommand.class, LabCommand.class);

    @Mixin(name = GlobalOptions.MIXIN_NAME)
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required");
    }
}
