package dev.wgform.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Commands whose options are settled (DESIGN.md's CLI contract) but whose engine has not landed yet. */
abstract class NotImplemented implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": not implemented yet");
        return ExitCode.NOT_IMPLEMENTED;
    }
}
