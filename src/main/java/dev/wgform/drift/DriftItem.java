package dev.wgform.drift;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One difference between intent and reality on one host.
 *
 * @param host     the inventory host name
 * @param kind     what kind of difference
 * @param resource which resource: a path, an interface ({@code wg-mgmt}), a service name, {@code psk wg-mgmt lab-2},
 *                 a plane for key age, or empty for an unreachable host
 * @param summary  one line for people: "edited by hand", "peer lab-3 is missing", "not listening on 10.200.0.1:22"
 * @param details  more lines for people (may be empty)
 * @param diff     the unified diff of a file, secrets shown as {{wgform-secret}} (files only)
 */
public record DriftItem(String host, DriftKind kind, String resource, String summary, List<String> details,
                        Optional<String> diff) {
    public DriftItem {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(summary, "summary");
        details = List.copyOf(details);
        Objects.requireNonNull(diff, "diff");
    }
}
