package dev.wgform.lab;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * {@code wgform lab up|down|status}: a local lab of hosts to run wgform against. The system work (namespaces,
 * bridge, sshd per host, packages) is lab.sh's; this class checks first, runs it, and writes the inventory.
 * Every method returns the exit code, 0 when all went well; lab.sh has printed what went wrong otherwise.
 */
public final class LabService {
    private final LabFiles files;
    private final PrintWriter out;
    private final LabScript script;
    private final Machine machine;

    /** A lab whose inventory and keys go under {@code workspace} (inventories/lab.yml, .wgform/lab/). */
    public LabService(Path workspace, PrintWriter out, PrintWriter err) {
        this(new LabFiles(workspace), out, err, Machine.current());
    }

    LabService(LabFiles files, PrintWriter out, PrintWriter err, Machine machine) {
        this.files = files;
        this.out = out;
        this.script = new LabScript(out, err);
        this.machine = machine;
    }

    public LabFiles files() {
        return files;
    }

    /**
     * Starts hosts lab-1..lab-N (the last {@code rhelHosts} of them RHEL family) and writes the inventory,
     * admin key and known hosts. When the same lab is already up this changes nothing and returns 0; a
     * different lab (or a half-made one) is refused: {@link #down()} first.
     */
    public int up(int hosts, int rhelHosts) throws LabException, IOException, InterruptedException {
        return up(hosts, rhelHosts, false);
    }

    /** As {@link #up(int, int)}, with the admin namespace wgl-admin (198.51.100.250) on the bridge when {@code admin}. */
    public int up(int hosts, int rhelHosts, boolean admin) throws LabException, IOException, InterruptedException {
        Optional<String> problem = LabSpec.problem(hosts, rhelHosts);
        if (problem.isPresent()) throw new LabException(problem.get());
        LabSpec spec = new LabSpec(hosts, rhelHosts);
        machine.requireRootOnLinux();

        int prepared = script.run("prepare", String.valueOf(rhelHosts));
        if (prepared != 0) return prepared;
        requireFreeRange(Processes.capture(List.of("ip", "-4", "-o", "route", "show", "table", "all")));

        int code = script.run("up", String.valueOf(hosts), String.valueOf(rhelHosts), files.workspace().toString(),
                admin ? "1" : "0");
        if (code != 0) return code;
        writeInventory(spec);
        out.println("lab: inventory " + shown(files.inventory()) + ", admin key " + shown(files.identity())
                + ", known hosts " + shown(files.knownHosts()));
        out.println("lab: try: wgform plan -i " + shown(files.inventory()) + " playbooks/four-plane.yml --known-hosts "
                + shown(files.knownHosts()));
        return 0;
    }

    /** Stops every lab host and removes all the lab made, here and on the system; safe to run twice. */
    public int down() throws LabException, IOException, InterruptedException {
        machine.requireRootOnLinux();
        return script.run("down", files.workspace().toString());
    }

    /** Prints the lab's hosts and whether each one's sshd is up; 1 when the lab is only partly there. */
    public int status() throws LabException, IOException, InterruptedException {
        machine.requireRootOnLinux();
        return script.run("status");
    }

    static void requireFreeRange(String ipRoutes) throws LabException {
        List<String> collisions = RouteCollisions.find(ipRoutes);
        if (collisions.isEmpty()) return;
        throw new LabException("the lab's range " + LabNetwork.SUBNET + " is already routed on this machine, so the lab "
                + "would hide real hosts; nothing was changed. Routes in the way:\n  " + String.join("\n  ", collisions));
    }

    private void writeInventory(LabSpec spec) throws IOException {
        Path inventory = files.inventory();
        Path dir = inventory.getParent();
        boolean newDir = !Files.isDirectory(dir);
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".lab.yml.", ".tmp");
        try {
            Files.write(temp, LabInventory.yaml(spec, files.identity()).getBytes(StandardCharsets.UTF_8));
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--")); // names no secret
            try {
                Files.move(temp, inventory, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, inventory, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        // owned by the user behind sudo, like the key lab.sh hands over to them
        if (machine.sudoUser().isPresent()) {
            Machine.Owner owner = machine.sudoUser().get();
            for (Path p : newDir ? List.of(dir, inventory) : List.of(inventory)) {
                Files.setAttribute(p, "unix:uid", owner.uid());
                Files.setAttribute(p, "unix:gid", owner.gid());
            }
        }
    }

    // relative to the current directory when the workspace is (the usual case: the repository root)
    private static String shown(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        return p.startsWith(cwd) ? cwd.relativize(p).toString() : p.toString();
    }
}
