package dev.wgform.drift;

import dev.wgform.desired.WgInterface;
import dev.wgform.facts.HostFacts;
import dev.wgform.facts.KeyFact;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** How old a host's private key for a plane is, by the host's clock (its file's modification time). */
public record KeyAge(String plane, String host, long ageSeconds) {
    public KeyAge {
        Objects.requireNonNull(plane, "plane");
        Objects.requireNonNull(host, "host");
    }

    /**
     * The age of {@code host}'s private key for {@code iface}; empty while the key does not exist (it is still to be
     * generated) or when its mtime or the host's clock is unknown.
     */
    public static Optional<KeyAge> of(String host, WgInterface iface, HostFacts facts) {
        KeyFact key = facts.keys().get(iface.name());
        if (key == null || key.mtimeEpoch() <= 0 || facts.hostTimeEpoch() <= 0) return Optional.empty();
        return Optional.of(new KeyAge(iface.plane(), host, Math.max(0, facts.hostTimeEpoch() - key.mtimeEpoch())));
    }

    /** Older than the playbook's {@code key_max_age}; never when it sets none. */
    public boolean olderThan(Optional<Duration> keyMaxAge) {
        return keyMaxAge.isPresent() && ageSeconds > keyMaxAge.get().toSeconds();
    }

    /** "private key of wg-mgmt is 120d old, older than key_max_age 90d", as drift and the plan say it. */
    public String tooOld(String iface, Duration keyMaxAge) {
        return "private key of " + iface + " is " + text(ageSeconds) + " old, older than key_max_age " + text(keyMaxAge.toSeconds());
    }

    /** An age in its largest whole unit: "120d", "5h", "12m". */
    public static String text(long seconds) {
        return seconds >= 86400 ? seconds / 86400 + "d" : seconds >= 3600 ? seconds / 3600 + "h" : seconds / 60 + "m";
    }
}
