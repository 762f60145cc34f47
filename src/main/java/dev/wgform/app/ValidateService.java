package dev.wgform.app;

import dev.wgform.inventory.AddressLock;
import dev.wgform.inventory.FleetLoader;
import dev.wgform.inventory.LoadedFleet;
import dev.wgform.model.Fleet;
import dev.wgform.model.Host;
import dev.wgform.model.InvalidInputException;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;

/** Loads and checks the fleet; writes nothing, not even the lock file. */
public final class ValidateService {
    public ValidationReport validate(FleetPaths paths) throws InvalidInputException {
        LoadedFleet loaded = FleetLoader.load(paths.inventory(), paths.playbook());
        AddressLock recorded = AddressLock.read(loaded.lockPath()); // already read once by the loader, so it parses
        return new ValidationReport(loaded.fleet(), newAddresses(loaded.fleet(), recorded), loaded.lockChanged(), loaded.lockPath());
    }

    /** Members whose address is neither explicit (wg_addresses) nor the one the lock file holds. */
    static int newAddresses(Fleet fleet, AddressLock recorded) {
        int n = 0;
        for (Map.Entry<String, Map<String, InetAddress>> plane : fleet.members().entrySet()) {
            for (Map.Entry<String, InetAddress> member : plane.getValue().entrySet()) {
                Optional<Host> host = fleet.inventory().host(member.getKey());
                boolean explicit = host.isPresent() && host.get().planeAddresses().containsKey(plane.getKey());
                if (!explicit && !recorded.address(plane.getKey(), member.getKey()).equals(Optional.of(member.getValue()))) n++;
            }
        }
        return n;
    }
}
