package dev.wgform.app;

import dev.wgform.crypto.KeyFiles;
import dev.wgform.crypto.Secret;
import dev.wgform.crypto.WgKeys;
import dev.wgform.desired.PublicKeys;
import dev.wgform.inventory.AddressLock;
import dev.wgform.inventory.FleetLoader;
import dev.wgform.inventory.LoadedFleet;
import dev.wgform.inventory.WorkstationEnrolment;
import dev.wgform.model.AddressText;
import dev.wgform.model.InvalidInputException;
import dev.wgform.model.WorkstationPeer;
import dev.wgform.render.WorkstationRenderer;
import dev.wgform.schedule.CommandRunner;
import dev.wgform.view.ReportFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code wgform workstation}: this machine as a member of a plane. Its private key is made here and stays here (a
 * 0600 file in the key directory); the lock file records its name, plane, address and public key so every admin's
 * plan gives the plane's members the peer; its own wg-quick file lists the members it dials, with the public keys
 * read from the hosts (or, for a host not reached, from the file written last time).
 */
public final class WorkstationService {
    public enum Action { WRITE, UP, DOWN, REMOVE }

    /**
     * @param run           the fleet, templates and SSH options (hosts are read for their public keys)
     * @param interfaceName {@code --interface}; else {@code wgf-<plane>}
     */
    public record Request(RunOptions run, String plane, String name, Path dir, Optional<String> interfaceName, Action action) {}

    /** What was done, line by line, and whether it all worked. */
    public record Report(List<String> lines, boolean ok) {
        public Report {
            lines = List.copyOf(lines);
        }
    }

    /** A failure on this machine (files, wg-quick), said in a sentence. */
    public static final class WorkstationException extends Exception {
        public WorkstationException(String message) {
            super(message);
        }
    }

    /** Reads the hosts' public keys; tests give their own. */
    interface KeySource {
        PublicKeys read(RunOptions options, Progress progress) throws InvalidInputException;
    }

    private final CommandRunner commands;
    private final boolean root;
    private final Predicate<String> interfaceUp;
    private final KeySource keySource;

    /** The real machine: wg-quick as a child process, interfaces seen in /sys/class/net. */
    public static WorkstationService onThisMachine(boolean root) {
        return new WorkstationService(CommandRunner.processes(), root, i -> Files.exists(Path.of("/sys/class/net", i)),
                WorkstationService::readHosts);
    }

    WorkstationService(CommandRunner commands, boolean root, Predicate<String> interfaceUp, KeySource keySource) {
        this.commands = commands;
        this.root = root;
        this.interfaceUp = interfaceUp;
        this.keySource = keySource;
    }

    public Report run(Request r, Progress progress) throws InvalidInputException, WorkstationException {
        WorkstationEnrolment.checkName(r.name());
        String iface = WorkstationEnrolment.interfaceName(r.plane(), r.interfaceName());
        Path conf = r.dir().resolve(iface + ".conf");
        Path keyFile = r.dir().resolve(iface + ".key");
        if ((r.action() == Action.UP || r.action() == Action.DOWN) && !root) {
            throw new WorkstationException("wg-quick " + (r.action() == Action.UP ? "up" : "down") + " needs root: run this"
                    + " command as root (sudo), with the same --dir");
        }
        switch (r.action()) {
            case DOWN:
                return down(iface, conf);
            case REMOVE:
                return remove(r, iface, conf, keyFile);
            default:
                return write(r, iface, conf, keyFile, progress);
        }
    }

    private Report write(Request r, String iface, Path conf, Path keyFile, Progress progress)
            throws InvalidInputException, WorkstationException {
        List<String> lines = new ArrayList<>();
        LoadedFleet loaded = FleetLoader.load(r.run().paths().inventory(), r.run().paths().playbook());
        String publicKey = ensureKey(keyFile, lines);
        WorkstationEnrolment.Result enrolled = WorkstationEnrolment.enrol(loaded, r.name(), r.plane(), publicKey);
        WorkstationPeer w = enrolled.enrolment();
        if (enrolled.outcome() != WorkstationEnrolment.Outcome.UNCHANGED || loaded.lockChanged()) {
            try {
                LoadedFleet.writeLock(loaded.lockPath(), enrolled.lock());
            } catch (IOException e) {
                throw new WorkstationException("cannot write the lock file " + loaded.lockPath() + ": " + e.getMessage());
            }
        }
        switch (enrolled.outcome()) {
            case NEW:
                lines.add("enrolled " + w.name() + " in plane " + w.plane() + " as " + AddressText.of(w.address())
                        + " (public key " + WgKeys.shortForm(publicKey) + "), recorded in " + loaded.lockPath());
                break;
            case KEY_REPLACED:
                lines.add(w.name() + " has a new key (" + WgKeys.shortForm(publicKey) + "), recorded in " + loaded.lockPath()
                        + "; it keeps " + AddressText.of(w.address()));
                break;
            default:
                lines.add(w.name() + " is enrolled in plane " + w.plane() + " as " + AddressText.of(w.address()));
        }

        PublicKeys fromHosts = keySource.read(r.run(), progress);
        Map<String, String> lastTime = Files.isRegularFile(conf) ? ObservedKeys.peersIn(readOrEmpty(conf)) : Map.of();
        PublicKeys keys = (host, plane) -> fromHosts.of(host, plane).or(() -> plane.equals(r.plane())
                ? Optional.ofNullable(lastTime.get(host)) : Optional.empty());
        LoadedFleet withWorkstation = FleetLoader.load(r.run().paths().inventory(), r.run().paths().playbook());
        WorkstationConfig config = WorkstationConfig.build(withWorkstation.fleet(), w, keys, keyFile,
                new WorkstationRenderer(r.run().templates()));
        if (config.peers().isEmpty()) {
            lines.add("no member of plane " + r.plane() + " that this workstation can dial has a known public key yet"
                    + (config.skipped().isEmpty() ? " (no member has an endpoint)" : " (" + String.join(", ", config.skipped()) + ")")
                    + ": apply the playbook, then run this again; " + conf + " was not written");
            return new Report(lines, false);
        }
        writePrivate(conf, config.content());
        lines.add("wrote " + conf + ": peers " + String.join(", ", config.peers()));
        if (!config.skipped().isEmpty()) {
            lines.add("left out (public key not known yet; apply the playbook, then run this again): "
                    + String.join(", ", config.skipped()));
        }
        if (r.action() == Action.UP) return up(iface, conf, lines);
        lines.add("next: apply the playbook so the hosts learn this workstation (wgform apply), then run this command"
                + " again with --up (as root)");
        return new Report(lines, true);
    }

    private Report up(String iface, Path conf, List<String> lines) throws WorkstationException {
        if (interfaceUp.test(iface)) {
            quick("down", conf); // wg-quick cannot reload a file in place; syncconf would need the private key in it
            lines.add(iface + " was up: taken down to bring it up with the new file");
        }
        quick("up", conf);
        lines.add(iface + " is up; the plane's members answer once they have applied this workstation as a peer");
        return new Report(lines, true);
    }

    private Report down(String iface, Path conf) throws WorkstationException {
        if (!interfaceUp.test(iface)) return new Report(List.of(iface + " is not up; nothing to do"), true);
        quick("down", Files.isRegularFile(conf) ? conf : Path.of(iface));
        return new Report(List.of(iface + " is down"), true);
    }

    private Report remove(Request r, String iface, Path conf, Path keyFile) throws InvalidInputException, WorkstationException {
        if (interfaceUp.test(iface)) {
            throw new WorkstationException(iface + " is up; take it down first (--down), then remove the enrolment");
        }
        Path lockPath = WorkstationEnrolment.lockPathFor(r.run().paths().inventory());
        AddressLock lock = AddressLock.read(lockPath);
        Optional<AddressLock> without = WorkstationEnrolment.remove(lock, r.name(), r.plane());
        List<String> lines = new ArrayList<>();
        if (without.isEmpty()) {
            lines.add(r.name() + " is not enrolled in plane " + r.plane() + " (" + lockPath + ")");
        } else {
            try {
                dev.wgform.inventory.LoadedFleet.writeLock(lockPath, without.get());
            } catch (IOException e) {
                throw new WorkstationException("cannot write the lock file " + lockPath + ": " + e.getMessage());
            }
            lines.add("removed " + r.name() + "'s enrolment in plane " + r.plane() + " from " + lockPath);
        }
        for (Path p : List.of(conf, keyFile)) {
            try {
                if (Files.deleteIfExists(p)) lines.add("deleted " + p);
            } catch (IOException e) {
                throw new WorkstationException("cannot delete " + p + ": " + e.getMessage());
            }
        }
        if (without.isPresent()) lines.add("next: apply the playbook so the hosts drop this workstation's peer");
        return new Report(lines, true);
    }

    /** The key file's public key, making the key first when there is none. Only the public key is ever shown. */
    private static String ensureKey(Path keyFile, List<String> lines) throws WorkstationException {
        try {
            if (!Files.exists(keyFile)) {
                createPrivateDir(keyFile.getParent());
                Secret fresh = WgKeys.generatePrivateKey();
                try {
                    KeyFiles.create(keyFile, fresh);
                } finally {
                    fresh.destroy();
                }
                lines.add("made a private key in " + keyFile + " (0600; it never leaves this machine)");
            }
            Secret key = KeyFiles.read(keyFile);
            try {
                return WgKeys.publicKeyOf(key);
            } finally {
                key.destroy();
            }
        } catch (IOException e) {
            throw new WorkstationException("the workstation's key " + keyFile + ": " + e.getMessage());
        }
    }

    private static void createPrivateDir(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        Files.createDirectories(dir.getParent());
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /** 0600 from the start, renamed into place so a reader never sees half a file. */
    private static void writePrivate(Path file, String content) throws WorkstationException {
        try {
            ReportFile.write(file, content, "rw-------");
        } catch (IOException e) {
            throw new WorkstationException("cannot write " + file + ": " + e.getMessage());
        }
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private void quick(String verb, Path conf) throws WorkstationException {
        CommandRunner.Result result;
        try {
            result = commands.run(List.of("wg-quick", verb, conf.toString()), "");
        } catch (IOException e) {
            throw new WorkstationException("wg-quick " + verb + " " + conf + ": " + e.getMessage());
        }
        if (result.exitCode() == 127) throw new WorkstationException("wg-quick is not installed here: install wireguard-tools");
        if (!result.ok()) {
            throw new WorkstationException("wg-quick " + verb + " " + conf + " failed (exit " + result.exitCode() + "): "
                    + result.stderr().strip());
        }
    }

    /** The keys the hosts have now: the read-only pass of plan (one SSH session per host). */
    private static PublicKeys readHosts(RunOptions options, Progress progress) throws InvalidInputException {
        try (FleetRun run = FleetReader.read(options, progress, FleetRun.Purpose.READ_ONLY)) {
            return run.keys;
        }
    }
}
