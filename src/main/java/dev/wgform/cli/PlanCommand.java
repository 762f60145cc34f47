package dev.wgform.cli;

import dev.wgform.app.PlanService;
import dev.wgform.app.Progress;
import dev.wgform.model.InvalidInputException;
import dev.wgform.plan.Plan;
import dev.wgform.plan.PlanFile;
import dev.wgform.view.PlanJson;
import dev.wgform.view.PlanView;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Read every host's state over SSH and show what apply would change (changes nothing).")
final class PlanCommand implements Callable<Integer> {
    @Mixin(name = GlobalOptions.MIXIN_NAME)
    GlobalOptions global;

    @Mixin
    FleetArgs fleet;

    @Option(names = "--limit", paramLabel = "PATTERN", description = "Only hosts or groups matching PATTERN (comma-separated, * and ? wildcards).")
    Optional<String> limit;

    @Option(names = "--detailed-exitcode", description = "Exit 2 when there are changes, 0 when there are none.")
    boolean detailedExitcode;

    @Option(names = "--json", description = "Print the plan as JSON.")
    boolean json;

    @Option(names = "--out", paramLabel = "PLANFILE", description = "Save the plan for a later apply.")
    Optional<Path> out;

    @Option(names = "--force", description = "Show the plan's refusals (changes that would cut wgform's own SSH path) "
            + "as warnings and exit as if there were none.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InvalidInputException, IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        Progress progress = new Progress(spec.commandLine().getErr(), global.verbose());
        Plan plan = new PlanService().plan(RunOptionsFactory.of(global, fleet.paths(), limit), progress);
        stdout.print(json ? PlanJson.render(plan) + "\n" : PlanView.render(plan, global.color(), force));
        stdout.flush();
        if (out.isPresent()) {
            PlanFile.write(plan, out.get());
            progress.line("Saved the plan to " + out.get() + "; apply it with: wgform apply -i ... " + out.get());
        }
        if (!plan.unreachable().isEmpty()) return ExitCode.ERROR;
        if (!plan.refused().isEmpty() && !force) return ExitCode.ERROR; // apply would refuse it
        return detailedExitcode && plan.hasChanges() ? ExitCode.CHANGES : ExitCode.OK;
    }
}
