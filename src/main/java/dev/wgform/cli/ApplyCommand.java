package dev.wgform.cli;

import dev.wgform.app.ApplyReport;
import dev.wgform.app.ApplyService;
import dev.wgform.app.Progress;
import dev.wgform.app.WorkstationLock;
import dev.wgform.apply.ConfirmWindow;
import dev.wgform.model.InvalidInputException;
import dev.wgform.plan.Plan;
import dev.wgform.plan.PlanFile;
import dev.wgform.view.ApplyView;
import dev.wgform.view.PlanView;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "apply", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Make the hosts match the playbook: push files atomically, run only the actions needed, "
                + "roll back on failure.")
final class ApplyCommand implements Callable<Integer> {
    @Mixin(name = GlobalOptions.MIXIN_NAME)
    GlobalOptions global;

    @Mixin
    FleetArgs fleet;

    @Option(names = "--auto-approve", description = "Apply without asking.")
    boolean autoApprove;

    @Option(names = "--limit", paramLabel = "PATTERN", description = "Only hosts or groups matching PATTERN (comma-separated, * and ? wildcards).")
    Optional<String> limit;

    @Option(names = "--install-packages", description = "Install missing wireguard-tools and nftables/firewalld with the host's package manager.")
    boolean installPackages;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PLANFILE", description = "A plan saved by plan --out; applied only if the hosts still match it.")
    Optional<Path> planFile;

    @Option(names = "--force", description = "Apply even where the plan would cut wgform's own SSH path to a host "
            + "(plan shows why it refuses); without it such a plan is refused before any host is touched.")
    boolean force;

    @Option(names = "--confirm-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "When a host's firewall or sshd config changes, the host undoes that change by itself unless wgform "
                    + "reaches it again over a new SSH session within SECONDS (default ${DEFAULT-VALUE}, 10-3600). "
                    + "0 turns this off: only for hosts you can reach another way (a console).")
    int confirmTimeout;

    @Option(names = "--break-lock", description = "Remove a lock left behind by an apply that is no longer running (a killed run); plan then shows what it left to do.")
    boolean breakLock;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InvalidInputException, IOException, WorkstationLock.HeldException {
        if (confirmTimeout != 0 && (confirmTimeout < ConfirmWindow.MIN_SECONDS || confirmTimeout > ConfirmWindow.MAX_SECONDS)) {
            throw new ParameterException(spec.commandLine(), "--confirm-timeout must be 0 (off) or " + ConfirmWindow.MIN_SECONDS
                    + "-" + ConfirmWindow.MAX_SECONDS + " seconds: " + confirmTimeout);
        }
        PrintWriter out = spec.commandLine().getOut();
        Progress progress = new Progress(spec.commandLine().getErr(), global.verbose());
        Optional<Plan> saved = planFile.isPresent() ? Optional.of(PlanFile.read(planFile.get())) : Optional.empty();
        ApplyReport report;
        try (WorkstationLock lock = WorkstationLock.acquire(fleet.paths().inventory(), breakLock)) {
            report = new ApplyService(confirmTimeout).apply(RunOptionsFactory.of(global, fleet.paths(), limit).withForce(force), saved, installPackages,
                    plan -> {
                        out.print(PlanView.render(plan, global.color(), force));
                        out.flush();
                    },
                    plan -> autoApprove || askYes(out, "\nDo you want to apply these changes? Only 'yes' will be accepted: "),
                    progress);
        }
        out.print(ApplyView.render(report, global.color()));
        out.flush();
        return report.failed() ? ExitCode.ERROR : ExitCode.OK;
    }

    /** Terraform's question: only "yes" goes ahead; no terminal or no answer means no. */
    static boolean askYes(PrintWriter out, String question) {
        out.print(question);
        out.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return answer != null && answer.strip().equals("yes");
        } catch (IOException e) {
            return false;
        }
    }
}
