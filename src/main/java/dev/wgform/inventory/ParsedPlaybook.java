package dev.wgform.inventory;

import dev.wgform.model.Playbook;
import java.util.List;

/**
 * A playbook as parsed, before it is checked against the inventory: the planes that could be built,
 * every plane name written (a plane with a problem is still known, so nothing else reports it as
 * undefined), and where each value was written.
 */
record ParsedPlaybook(Playbook playbook, List<String> declaredPlanes, Refs refs) {
    ParsedPlaybook {
        declaredPlanes = List.copyOf(declaredPlanes);
    }
}
