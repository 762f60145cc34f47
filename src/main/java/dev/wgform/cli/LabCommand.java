package dev.wgform.cli;

import dev.wgform.lab.LabException;
import dev.wgform.lab.LabService;
import dev.wgform.lab.LabSpec;
import java.io.IOException;
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

@Command(name = "lab", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = {"A local lab of hosts to try wgform on: Linux network namespaces on a bridge (198.51.100.0/24), "
                + "each with its own sshd, /etc/wireguard and nftables. Needs root; installs missing Debian packages.",
                "Writes inventories/lab.yml and .wgform/lab/ (admin key, known_hosts) in the current directory."},
        subcommands = {LabCommand.Up.class, LabCommand.Down.class, LabCommand.Status.class})
final class LabCommand implements Runnable {
    @Mixin(name = GlobalOptions.MIXIN_NAME)
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "lab needs a subcommand: up N, down or status");
    }

    // The lab's files go beside inventories/ in the directory wgform runs from (the repository root, usually).
    static LabService service(CommandSpec spec) {
        return new LabService(Path.of("").toAbsolutePath(), spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    @Command(name = "up", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
            description = {"Start a lab of N hosts, lab-1..lab-N at 198.51.100.1..N, grouped so playbooks/four-plane.yml "
                    + "applies unchanged (lab-1 db, lab-2 monitoring, the rest web); host N is 10.20x.0.N on every plane.",
                    "Already up with the same N: changes nothing. A different lab is refused: run 'wgform lab down' first."})
    static final class Up implements Callable<Integer> {
        @Mixin(name = GlobalOptions.MIXIN_NAME)
        GlobalOptions global;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "N", description = "How many hosts (1 to 32).")
        int hosts;

        @Option(names = "--rhel", paramLabel = "K", description = "Make the last K hosts RHEL family: their os-release says Rocky Linux and each runs its own D-Bus system bus and firewalld.")
        int rhel;

        @Option(names = "--admin", description = "Also start the admin namespace wgl-admin at 198.51.100.250 on the bridge: "
                + "a workstation to run wgform from (ip netns exec wgl-admin ...), e.g. as a member of the mgmt plane.")
        boolean admin;

        @Override
        public Integer call() throws LabException, IOException, InterruptedException {
            Optional<String> problem = LabSpec.problem(hosts, rhel);
            if (problem.isPresent()) throw new ParameterException(spec.commandLine(), problem.get());
            return service(spec).up(hosts, rhel, admin);
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
            description = "Stop the lab and remove everything it made (namespaces, bridge, /etc/netns/wgl-*, "
                    + "inventories/lab.yml, .wgform/lab/). Safe to run twice, and after a failed 'lab up'.")
    static final class Down implements Callable<Integer> {
        @Mixin(name = GlobalOptions.MIXIN_NAME)
        GlobalOptions global;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws LabException, IOException, InterruptedException {
            return service(spec).down();
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
            description = "Show the lab's hosts, their sshd and WireGuard interfaces. Exit 0 when the lab is up or not "
                    + "running at all, 1 when it is only partly there.")
    static final class Status implements Callable<Integer> {
        @Mixin(name = GlobalOptions.MIXIN_NAME)
        GlobalOptions global;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws LabException, IOException, InterruptedException {
            return service(spec).status();
        }
    }
}
