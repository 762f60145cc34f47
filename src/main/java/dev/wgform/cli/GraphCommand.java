package dev.wgform.cli;

import dev.wgform.app.ValidateService;
import dev.wgform.model.Fleet;
import dev.wgform.model.InvalidInputException;
import dev.wgform.view.GraphDot;
import dev.wgform.view.GraphMermaid;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "graph", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Draw the planes: who peers with whom, hubs, relays and hosts behind NAT. "
                + "Pipe DOT into Graphviz (wgform graph ... | dot -Tsvg > fleet.svg); paste Mermaid into markdown.")
final class GraphCommand implements Callable<Integer> {
    enum Format { dot, mermaid }

    @Mixin(name = GlobalOptions.MIXIN_NAME)
    GlobalOptions global;

    @Mixin
    FleetArgs fleet;

    @Option(names = "--format", paramLabel = "FORMAT", description = "dot (Graphviz, the default) or mermaid.")
    Format format = Format.dot;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InvalidInputException {
        Fleet f = new ValidateService().validate(fleet.paths()).fleet();
        spec.commandLine().getOut().print(format == Format.mermaid ? GraphMermaid.render(f) : GraphDot.render(f));
        return ExitCode.OK;
    }
}
