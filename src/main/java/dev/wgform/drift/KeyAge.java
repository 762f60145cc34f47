package dev.wgform.drift;

import java.util.Objects;

/** How old a host's private key for a plane is, by the host's clock (its file's modification time). */
public record KeyAge(String plane, String host, long ageSeconds) {
    public KeyAge {
        Objects.requireNonNull(plane, "plane");
        Objects.requireNonNull(host, "host");
    }
}
