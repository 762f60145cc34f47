package dev.wgform.app;

import dev.wgform.model.Fleet;
import java.nio.file.Path;

/**
 * What {@code validate} found: the fleet, and what the next render or apply would record in the lock file.
 *
 * @param fleet        the validated fleet, with every member's plane address (explicit, locked or newly allocated)
 * @param newAddresses addresses allocated in this run that the lock file does not hold yet
 * @param lockChanged  whether saving would rewrite the lock file (new allocations, or entries no longer needed)
 * @param lockPath     the lock file beside the inventory
 */
public record ValidationReport(Fleet fleet, int newAddresses, boolean lockChanged, Path lockPath) {
    public ValidationReport {
        if (newAddresses < 0) throw new IllegalArgumentException("newAddresses < 0");
    }
}
