package dev.wgform.inventory;

import dev.wgform.model.InvalidInputException;
import dev.wgform.model.Inventory;
import dev.wgform.model.Playbook;
import java.nio.file.Path;
import java.util.Optional;

/** Loads a playbook and checks it against an inventory (without allocating addresses; see {@link FleetLoader}). */
public final class PlaybookLoader {
    static final String EXPECTED = "a wgform playbook (planes:, services:, firewall:)";

    private PlaybookLoader() {}

    public static Playbook load(Path playbook, Inventory inventory) throws InvalidInputException {
        Problems problems = new Problems();
        Optional<YamlNode> root = SafeYaml.read(playbook, EXPECTED, false, problems);
        problems.throwIfAny();
        ParsedPlaybook parsed = PlaybookParser.parse(root.orElseThrow(), playbook.toString(), problems);
        PlaybookChecks.check(LoadedInventory.of(inventory), parsed, problems);
        problems.throwIfAny();
        return parsed.playbook();
    }
}
