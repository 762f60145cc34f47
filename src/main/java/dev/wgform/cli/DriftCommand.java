package dev.wgform.cli;

import dev.wgform.app.DriftService;
import dev.wgform.app.Progress;
import dev.wgform.drift.DriftReport;
import dev.wgform.model.InvalidInputException;
import dev.wgform.schedule.DriftSchedule;
import dev.wgform.schedule.ScheduleException;
import dev.wgform.schedule.ScheduleInstaller;
import dev.wgform.schedule.ScheduleResult;
import dev.wgform.schedule.Scheduler;
import dev.wgform.view.DriftJson;
import dev.wgform.view.DriftView;
import dev.wgform.view.HtmlReport;
import dev.wgform.view.PrometheusTextfile;
import dev.wgform.view.ReportFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "drift", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = {"Report every difference between the playbook and the hosts, read-only (exit 0: none, 2: drift, 1: error).",
                "An unreachable host is drift unless --unreachable-ok."})
final class DriftCommand implements Callable<Integer> {
    @Mixin(name = GlobalOptions.MIXIN_NAME)
    GlobalOptions global;

    @Mixin
    FleetArgs fleet;

    @Option(names = "--limit", paramLabel = "PATTERN", description = "Only hosts or groups matching PATTERN (comma-separated, * and ? wildcards).")
    Optional<String> limit;

    @Option(names = "--json", description = "Print the report as JSON (schema in the README).")
    boolean json;

    @Option(names = "--prometheus", paramLabel = "FILE", description = "Also write the result as Prometheus metrics (node_exporter textfile, replaced atomically).")
    Optional<Path> prometheus;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML report with the handshake heat map.")
    Optional<Path> html;

    @Option(names = "--unreachable-ok", description = "A host that cannot be reached is reported, but is not drift.")
    boolean unreachableOk;

    @Option(names = "--install-timer", description = "Instead of checking now, install a systemd timer (or with --cron a cron entry) on this workstation that runs this same drift command with its outputs.")
    boolean installTimer;

    @Option(names = "--every", paramLabel = "INTERVAL", defaultValue = "15m", description = "How often the timer runs drift: 90s, 15m, 1h, 2h30m, 1d (default: ${DEFAULT-VALUE}).")
    String every;

    @Option(names = "--cron", description = "With --install-timer: a cron entry instead of a systemd timer.")
    boolean cron;

    @Option(names = "--uninstall-timer", description = "Remove this inventory's drift timer or cron entry.")
    boolean uninstallTimer;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InvalidInputException, IOException, ScheduleException {
        PrintWriter stdout = spec.commandLine().getOut();
        if (installTimer || uninstallTimer) return schedule(stdout);
        Progress progress = new Progress(spec.commandLine().getErr(), global.verbose());
        DriftReport report = new DriftService().read(RunOptionsFactory.of(global, fleet.paths(), limit), progress, unreachableOk);
        stdout.print(json ? DriftJson.render(report) + "\n" : DriftView.render(report, global.color()));
        stdout.flush();
        if (prometheus.isPresent()) PrometheusTextfile.write(prometheus.get(), report);
        if (html.isPresent()) ReportFile.write(html.get(), HtmlReport.render(report));
        return report.hasDrift() ? ExitCode.CHANGES : ExitCode.OK;
    }

    private int schedule(PrintWriter stdout) throws IOException, ScheduleException {
        if (installTimer && uninstallTimer) throw new ParameterException(spec.commandLine(), "--install-timer and --uninstall-timer exclude each other");
        Path inventory = fleet.paths().inventory().toAbsolutePath().normalize();
        ScheduleInstaller installer = ScheduleInstaller.forThisWorkstation();
        ScheduleResult result;
        if (uninstallTimer) {
            result = installer.uninstall(DriftSchedule.idFor(inventory));
        } else {
            Duration interval;
            try {
                interval = DriftSchedule.parseEvery(every);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--every: " + e.getMessage());
            }
            DriftSchedule s = DriftSchedule.of(inventory, interval, scheduledCommand(inventory), Path.of("").toAbsolutePath());
            result = installer.install(s, cron ? Scheduler.CRON : Scheduler.SYSTEMD);
        }
        result.lines().forEach(stdout::println);
        stdout.flush();
        return ExitCode.OK;
    }

    /** This command as the timer runs it: absolute paths, the same options and outputs, no scheduling options. */
    private List<String> scheduledCommand(Path inventory) {
        List<String> argv = new ArrayList<>(launcher());
        argv.addAll(List.of("drift", "-i", inventory.toString(), fleet.paths().playbook().toAbsolutePath().normalize().toString(), "--no-color"));
        global.knownHosts().ifPresent(k -> argv.addAll(List.of("--known-hosts", k.toAbsolutePath().toString())));
        global.templates().ifPresent(t -> argv.addAll(List.of("--templates", t.toAbsolutePath().toString())));
        limit.ifPresent(l -> argv.addAll(List.of("--limit", l)));
        prometheus.ifPresent(p -> argv.addAll(List.of("--prometheus", p.toAbsolutePath().toString())));
        html.ifPresent(h -> argv.addAll(List.of("--html", h.toAbsolutePath().toString())));
        if (unreachableOk) argv.add("--unreachable-ok");
        return argv;
    }

    /** The launcher that started this run (it says where it is), else java with this jar. */
    private static List<String> launcher() {
        String script = System.getenv("WGFORM_LAUNCHER");
        if (script != null && !script.isBlank() && Path.of(script).isAbsolute()) return List.of(script);
        try {
            Path jar = Path.of(DriftCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString());
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return List.of("/usr/bin/env", "wgform");
        }
    }
}
