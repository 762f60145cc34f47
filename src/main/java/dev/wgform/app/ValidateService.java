package dev.wgform.app;

import dev.wgform.desired.DesiredState;
import dev.wgform.desired.PublicKeys;
import dev.wgform.inventory.AddressLock;
import dev.wgform.inventory.FleetLoader;
import dev.wgform.inventory.LoadedFleet;
import dev.wgform.model.Fleet;
import dev.wgform.model.Host;
import dev.wgform.model.InvalidInputException;
import dev.wgform.render.Renderer;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Loads and checks the fleet; writes nothing, not even the lock file. */
public final class ValidateService {
    public ValidationReport validate(FleetPaths paths) throws InvalidInputException {
        return validate(paths, Optional.empty(), false);
    }

    /** Also loads every template the hosts need (the built-in ones, and those in {@code templates}). */
    public ValidationReport validate(FleetPaths paths, Optional<Path> templates) throws InvalidInputException {
        return validate(paths, templates, true);
    }

    private ValidationReport validate(FleetPaths paths, Optional<Path> templates, boolean checkTemplates) throws InvalidInputException {
        LoadedFleet loaded = FleetLoader.load(paths.inventory(), paths.playbook());
        if (checkTemplates) new Renderer(templates).checkTemplates(DesiredState.build(loaded.fleet(), PublicKeys.none()));
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
