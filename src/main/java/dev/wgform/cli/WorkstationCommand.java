package dev.wgform.cli;

import dev.wgform.app.Progress;
import dev.wgform.app.WorkstationService;
import dev.wgform.app.WorkstationService.Action;
import dev.wgform.model.InvalidInputException;
import dev.wgform.schedule.Workstation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "workstation", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = {"Make this machine a member of a plane (an admin workstation reaching the hosts over it).",
                "The first run makes its private key here (never sent anywhere) and records its name, address and public key"
                        + " in the inventory's lock file; apply the playbook so the hosts accept it, then run again with --up."})
final class WorkstationCommand implements Callable<Integer> {
    @Mixin(name = GlobalOptions.MIXIN_NAME)
    GlobalOptions global;

    @Mixin
    FleetArgs fleet;

    @Option(names = "--plane", paramLabel = "PLANE", required = true, description = "The plane to join (e.g. mgmt).")
    String plane;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "workstation",
            description = "This workstation's name in the lock file and in the hosts' peers (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where its key and wg-quick file go (default: /etc/wireguard as root, else ~/.config/wgform/wireguard).")
    Optional<Path> dir;

    @Option(names = "--interface", paramLabel = "NAME", description = "Interface name (default: wgf-PLANE, at most 15 characters).")
    Optional<String> interfaceName;

    @ArgGroup(exclusive = true)
    Mode mode;

    static final class Mode {
        @Option(names = "--up", description = "Write the file, then bring the interface up with wg-quick (root).")
        boolean up;

        @Option(names = "--down", description = "Take the interface down with wg-quick (root).")
        boolean down;

        @Option(names = "--remove", description = "Drop the enrolment from the lock file and delete the key and file here.")
        boolean remove;
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InvalidInputException, WorkstationService.WorkstationException {
        PrintWriter stdout = spec.commandLine().getOut();
        Progress progress = new Progress(spec.commandLine().getErr(), global.verbose());
        Workstation here = Workstation.current();
        Path keyDir = dir.orElseGet(() -> defaultDir(here.root()));
        Action action = mode == null ? Action.WRITE : mode.up ? Action.UP : mode.down ? Action.DOWN : Action.REMOVE;
        WorkstationService.Report report = WorkstationService.onThisMachine(here.root()).run(new WorkstationService.Request(
                RunOptionsFactory.of(global, fleet.paths(), Optional.empty()), plane, name, keyDir.toAbsolutePath(),
                interfaceName, action), progress);
        for (String line : report.lines()) stdout.println(line);
        stdout.flush();
        return report.ok() ? ExitCode.OK : ExitCode.ERROR;
    }

    static Path defaultDir(boolean root) {
        if (root) return Path.of("/etc/wireguard");
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path config = xdg != null && xdg.startsWith("/") ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return config.resolve("wgform").resolve("wireguard");
    }
}
