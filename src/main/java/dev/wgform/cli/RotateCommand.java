package dev.wgform.cli;

import dev.wgform.app.Progress;
import dev.wgform.app.RotateService;
import dev.wgform.app.RotationException;
import dev.wgform.app.WorkstationLock;
import dev.wgform.model.InvalidInputException;
import dev.wgform.view.RotateView;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "rotate", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Rotate a plane's keys in stages (prepare, distribute, swap, verify, commit or roll back), "
                + "a batch of hosts at a time, without restarting a tunnel. Resumable from its journal.")
final class RotateCommand implements Callable<Integer> {
    @Mixin(name = GlobalOptions.MIXIN_NAME)
    GlobalOptions global;

    @Mixin
    FleetArgs fleet;

    @Option(names = "--plane", paramLabel = "PLANE", required = true, description = "The plane whose keys to rotate.")
    String plane;

    @Option(names = "--hosts", paramLabel = "H1,H2", split = ",", description = "Only these members (default: every member).")
    List<String> hosts = List.of();

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1", description = "Hosts rotated at once (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--psk", description = "Also replace the pre-shared keys of the rotating hosts' pairs.")
    boolean psk;

    @Option(names = "--resume", description = "Continue the interrupted rotation of the plane from its journal.")
    boolean resume;

    @Option(names = "--verify-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for fresh handshakes and pings after a swap (default: ${DEFAULT-VALUE}).")
    int verifyTimeout;

    @Option(names = "--auto-approve", description = "Rotate without asking.")
    boolean autoApprove;

    @Option(names = "--break-lock", description = "Remove a workstation lock left behind by a run that is no longer running.")
    boolean breakLock;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InvalidInputException, IOException, WorkstationLock.HeldException, RotationException {
        if (batch < 1) throw new ParameterException(spec.commandLine(), "--batch must be at least 1");
        if (verifyTimeout < 1 || verifyTimeout > 3600) throw new ParameterException(spec.commandLine(), "--verify-timeout must be 1 to 3600 seconds");
        if (resume && (!hosts.isEmpty() || psk)) {
            throw new ParameterException(spec.commandLine(), "--resume continues the rotation its journal describes: give no --hosts or --psk with it");
        }
        PrintWriter out = spec.commandLine().getOut();
        Progress progress = new Progress(spec.commandLine().getErr(), global.verbose());
        RotateService.Request request = new RotateService.Request(plane, hosts, batch, resume, psk, Duration.ofSeconds(verifyTimeout));
        RotateService.Outcome outcome;
        try (WorkstationLock lock = WorkstationLock.acquire(fleet.paths().inventory(), breakLock, resume)) {
            outcome = new RotateService().rotate(RunOptionsFactory.of(global, fleet.paths(), Optional.empty()), request, journal -> {
                out.print(RotateView.preview(journal));
                out.flush();
                return autoApprove || ApplyCommand.askYes(out, "\nDo you want to rotate these keys? Only 'yes' will be accepted: ");
            }, progress);
        }
        if (!outcome.started()) {
            out.println("\nRotation cancelled; nothing was changed.");
            out.flush();
            return ExitCode.OK;
        }
        out.print(RotateView.render(outcome.journal(), outcome.file().toString(), global.color()));
        out.flush();
        return outcome.journal().succeeded() ? ExitCode.OK : ExitCode.ERROR;
    }
}
