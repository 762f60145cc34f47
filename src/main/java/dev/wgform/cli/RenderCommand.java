package dev.wgform.cli;

import dev.wgform.app.RenderReport;
import dev.wgform.app.RenderService;
import dev.wgform.model.InvalidInputException;
import dev.wgform.view.RenderView;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "render", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Write every host's files under DIR/<host>/ as they would be installed, with placeholders "
                + "where secrets go. Touches no host; records new address allocations in the lock file.")
final class RenderCommand implements Callable<Integer> {
    @Mixin(name = GlobalOptions.MIXIN_NAME)
    GlobalOptions global;

    @Mixin
    FleetArgs fleet;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory to write into (created if missing).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InvalidInputException, IOException {
        RenderReport report = new RenderService().render(fleet.paths(), global.templates(), out);
        spec.commandLine().getOut().print(RenderView.text(report));
        return ExitCode.OK;
    }
}
