package dev.wgform.cli;

import picocli.AutoComplete;
import picocli.CommandLine;

/** {@code wgform completion}: picocli's generator of a bash (and zsh) completion script, under a shorter name. */
final class CompletionCommand {
    private CompletionCommand() {}

    static void addTo(CommandLine root) {
        CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
        completion.getCommandSpec().name("completion");
        completion.getCommandSpec().usageMessage()
                .hidden(false)
                .description("Print a bash completion script: source <(wgform completion)");
        completion.getCommandSpec().versionProvider(new ManifestVersion());
        completion.addMixin(GlobalOptions.MIXIN_NAME, new GlobalOptions());
        root.addSubcommand("completion", completion);
    }
}
