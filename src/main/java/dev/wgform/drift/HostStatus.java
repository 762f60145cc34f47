package dev.wgform.drift;

import java.util.Objects;

/** Whether a host was reached and read; {@code failure} says why not (empty when reachable). */
public record HostStatus(String host, boolean reachable, String failure) {
    public HostStatus {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(failure, "failure");
    }
}
