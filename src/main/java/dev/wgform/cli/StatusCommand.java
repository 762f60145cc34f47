package dev.wgform.cli;

import dev.wgform.app.DriftService;
import dev.wgform.app.Progress;
import dev.wgform.drift.DriftReport;
import dev.wgform.model.InvalidInputException;
import dev.wgform.view.DriftJson;
import dev.wgform.view.StatusView;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Show each plane's peers as a host x peer table of handshake ages, stale peers and key ages (read-only).")
final class StatusCommand implements Callable<Integer> {
    @Mixin(name = GlobalOptions.MIXIN_NAME)
    GlobalOptions global;

    @Mixin
    FleetArgs fleet;

    @Option(names = "--limit", paramLabel = "PATTERN", description = "Only hosts or groups matching PATTERN (comma-separated, * and ? wildcards).")
    Optional<String> limit;

    @Option(names = "--json", description = "Print the status as JSON (the drift report's schema, in the README).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InvalidInputException {
        PrintWriter stdout = spec.commandLine().getOut();
        Progress progress = new Progress(spec.commandLine().getErr(), global.verbose());
        DriftReport report = new DriftService().read(RunOptionsFactory.of(global, fleet.paths(), limit), progress, true);
        stdout.print(json ? DriftJson.render(report) + "\n" : StatusView.render(report, global.color()));
        stdout.flush();
        return report.hosts().stream().allMatch(h -> h.reachable()) ? ExitCode.OK : ExitCode.ERROR;
    }
}
