package dev.wgform.inventory;

import dev.wgform.model.Fleet;
import dev.wgform.model.InvalidInputException;
import dev.wgform.model.WorkstationPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Loads and validates an inventory and a playbook together, and allocates plane addresses
 * (reading the lock file beside the inventory; writing it is {@link LoadedFleet#saveLockIfChanged()}).
 * Every problem found, in any file, is reported at once in one {@link InvalidInputException}.
 */
public final class FleetLoader {
    private FleetLoader() {}

    public static LoadedFleet load(Path inventory, Path playbook) throws InvalidInputException {
        Problems problems = new Problems();
        LoadedInventory loadedInventory = InventoryLoader.read(inventory, problems);
        Optional<YamlNode> root = SafeYaml.read(playbook, PlaybookLoader.EXPECTED, false, problems);
        if (root.isEmpty()) {
            problems.throwIfAny();
        }
        ParsedPlaybook parsed = PlaybookParser.parse(root.orElseThrow(), playbook.toString(), problems);
        Path lockPath = InventoryFiles.lockPath(inventory);
        AddressLock previous = AddressLock.read(lockPath, problems);
        if (!loadedInventory.complete()) problems.throwIfAny(); // names would all look undefined: say only what is broken
        CheckedPlaybook checked = PlaybookChecks.check(loadedInventory, parsed, problems);
        AddressAllocator.Allocation allocation = AddressAllocator.allocate(parsed.playbook().planes(), checked, previous,
                parsed.refs(), problems);
        List<WorkstationPeer> workstations = WorkstationChecks.check(previous.workstations(), parsed.playbook().planes(),
                loadedInventory.inventory(), allocation.members(), problems);
        problems.throwIfAny();
        Fleet fleet = new Fleet(loadedInventory.inventory(), parsed.playbook(), allocation.members(), workstations);
        boolean changed = Files.exists(lockPath)
                ? !allocation.lock().toYaml().equals(previous.toYaml())
                : !allocation.lock().isEmpty();
        return new LoadedFleet(fleet, allocation.lock(), changed, lockPath);
    }
}
