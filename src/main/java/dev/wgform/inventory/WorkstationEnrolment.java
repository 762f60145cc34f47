package dev.wgform.inventory;

import dev.wgform.model.Cidr;
import dev.wgform.model.Fleet;
import dev.wgform.model.Plane;
import dev.wgform.model.Problem;
import dev.wgform.model.SourceRef;
import dev.wgform.model.InvalidInputException;
import dev.wgform.model.WorkstationPeer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Enrolling an admin workstation in a plane, as a change to the lock file: it keeps the address and key it was
 * enrolled with (running again changes nothing), and a new one gets the highest free host address of the subnet, far
 * from the members' lowest-first allocation. Pure: reading keys and writing files is the caller's.
 */
public final class WorkstationEnrolment {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    static final String INTERFACE_PREFIX = "wgf-";

    /** What enrolling did. */
    public enum Outcome { NEW, UNCHANGED, KEY_REPLACED }

    /**
     * @param enrolment the workstation as now recorded
     * @param lock      the lock to save (unchanged for {@link Outcome#UNCHANGED})
     * @param outcome   what changed
     */
    public record Result(WorkstationPeer enrolment, AddressLock lock, Outcome outcome) {}

    private WorkstationEnrolment() {}

    /** The lock file beside an inventory (a file or a directory). */
    public static Path lockPathFor(Path inventory) {
        return InventoryFiles.lockPath(inventory);
    }

    /** {@code wgf-<plane>}, unless another name is given; checked against Linux's 15-character limit. */
    public static String interfaceName(String plane, Optional<String> given) throws InvalidInputException {
        String name = given.orElse(INTERFACE_PREFIX + plane);
        Optional<String> wrong = LinuxNames.interfaceProblem(name);
        if (wrong.isPresent()) {
            throw new InvalidInputException(new Problem(SourceRef.of("--interface"), "--interface", wrong.get()
                    + (given.isEmpty() ? "; give a shorter one with --interface NAME" : "")));
        }
        return name;
    }

    /** Checks an enrolment name: it names the workstation's peer on every host, so it follows host name rules. */
    public static void checkName(String name) throws InvalidInputException {
        if (!NAME.matcher(name).matches()) {
            throw new InvalidInputException(new Problem(SourceRef.of("--name"), "--name", "'" + name + "' is not a usable"
                    + " workstation name: letters, digits, '.', '_' and '-', starting with a letter or digit, at most 63"));
        }
    }

    /**
     * Enrols {@code name} in {@code plane} with {@code publicKey}, or finds it already enrolled.
     *
     * @throws InvalidInputException the plane is not in the playbook, the name is an inventory host's, another
     *                               workstation has this key, or the subnet has no free address
     */
    public static Result enrol(LoadedFleet loaded, String name, String plane, String publicKey) throws InvalidInputException {
        checkName(name);
        Fleet fleet = loaded.fleet();
        Plane p = fleet.playbook().planes().get(plane);
        if (p == null) {
            throw new InvalidInputException(new Problem(SourceRef.of("--plane"), "--plane", "the playbook has no plane '" + plane
                    + "'" + Suggestions.didYouMean(plane, fleet.playbook().planes().keySet())
                    + "; it has " + String.join(", ", fleet.playbook().planes().keySet())));
        }
        if (fleet.inventory().host(name).isPresent()) {
            throw new InvalidInputException(new Problem(SourceRef.of("--name"), "--name", "'" + name + "' is an inventory host;"
                    + " give the workstation another --name (its peers on the hosts are named after it)"));
        }
        AddressLock lock = loaded.lock();
        for (WorkstationPeer w : lock.workstations()) {
            if (w.plane().equals(plane) && w.publicKey().equals(publicKey) && !w.name().equals(name)) {
                throw new InvalidInputException(new Problem(w.source(), "workstations." + w.name() + "." + plane,
                        "this key is already enrolled in plane " + plane + " as workstation " + w.name()
                                + "; use that --name, or another --dir for a second key"));
            }
        }
        Optional<WorkstationPeer> earlier = lock.workstation(name, plane);
        if (earlier.isPresent()) {
            if (earlier.get().publicKey().equals(publicKey)) return new Result(earlier.get(), lock, Outcome.UNCHANGED);
            WorkstationPeer replaced = new WorkstationPeer(name, plane, earlier.get().address(), publicKey, earlier.get().source());
            return new Result(replaced, lock.withWorkstation(replaced), Outcome.KEY_REPLACED);
        }
        Set<InetAddress> used = new HashSet<>(fleet.members().getOrDefault(plane, Map.of()).values());
        for (WorkstationPeer w : lock.workstations()) if (w.plane().equals(plane)) used.add(w.address());
        InetAddress address = highestFree(p.subnet(), used).orElseThrow(() -> new InvalidInputException(new Problem(
                SourceRef.of(fleet.playbook().source()), "planes." + plane + ".subnet", "subnet " + p.subnet() + " of plane "
                + plane + " has no free address left for a workstation; use a larger subnet")));
        WorkstationPeer added = new WorkstationPeer(name, plane, address, publicKey, SourceRef.of(loaded.lockPath().toString()));
        return new Result(added, lock.withWorkstation(added), Outcome.NEW);
    }

    /** The lock without {@code name}'s enrolment in {@code plane}; empty when it was not enrolled. */
    public static Optional<AddressLock> remove(AddressLock lock, String name, String plane) {
        if (lock.workstation(name, plane).isEmpty()) return Optional.empty();
        return Optional.of(lock.withoutWorkstation(name, plane));
    }

    /** The highest host address of the subnet that is neither reserved nor used; members fill it from the bottom. */
    static Optional<InetAddress> highestFree(Cidr subnet, Set<InetAddress> used) {
        BigInteger last = subnet.size().subtract(BigInteger.ONE);
        // a bounded walk: a subnet full from the top for this long is full for all practical purposes
        for (BigInteger i = last; i.signum() > 0 && last.subtract(i).compareTo(BigInteger.valueOf(1 << 16)) < 0; i = i.subtract(BigInteger.ONE)) {
            InetAddress a = subnet.addressAt(i);
            if (!subnet.isReserved(a) && !used.contains(a)) return Optional.of(a);
        }
        return Optional.empty();
    }
}
