package dev.wgform.cli;

import dev.wgform.app.ValidateService;
import dev.wgform.app.ValidationReport;
import dev.wgform.model.InvalidInputException;
import dev.wgform.view.ValidationView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Check the inventory and playbook and summarise them. Touches no host and writes no file "
                + "(not even the address lock file).")
final class ValidateCommand implements Callable<Integer> {
    @Mixin(name = GlobalOptions.MIXIN_NAME)
    GlobalOptions global;

    @Mixin
    FleetArgs fleet;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InvalidInputException {
        ValidationReport report = new ValidateService().validate(fleet.paths(), global.templates());
        spec.commandLine().getOut().println(json ? ValidationView.json(report) : ValidationView.text(report));
        return ExitCode.OK;
    }
}
