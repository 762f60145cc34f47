package dev.wgform.rotate;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One host's entry in the rotation journal. Public keys only: the journal sits on the workstation.
 *
 * @param host      inventory name
 * @param batch     which batch it rotates in, from 0
 * @param stage     the last stage done
 * @param oldKey    its public key before the rotation (known once prepared)
 * @param newKey    the public key of its next key (known once prepared)
 * @param swappedAt the host's clock when it took the new key, so verification asks for handshakes after it
 * @param message   why it was rolled back, aborted or skipped; empty otherwise
 */
public record HostRotation(String host, int batch, Stage stage, Optional<String> oldKey, Optional<String> newKey,
                           OptionalLong swappedAt, String message) {
    public HostRotation {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("host is required");
        if (batch < 0) throw new IllegalArgumentException("batch must not be negative");
        if (stage == null || message == null) throw new IllegalArgumentException("stage and message are required");
        boolean needsKeys = stage.compareTo(Stage.PREPARED) >= 0 && stage.compareTo(Stage.ROLLED_BACK) <= 0;
        if (needsKeys && (oldKey.isEmpty() || newKey.isEmpty())) {
            throw new IllegalArgumentException(host + ": a prepared host has its old and new public keys");
        }
    }

    public static HostRotation pending(String host, int batch) {
        return new HostRotation(host, batch, Stage.PENDING, Optional.empty(), Optional.empty(), OptionalLong.empty(), "");
    }

    public HostRotation prepared(String oldKey, String newKey) {
        return new HostRotation(host, batch, Stage.PREPARED, Optional.of(oldKey), Optional.of(newKey), OptionalLong.empty(), "");
    }

    public HostRotation swapped(long at) {
        return new HostRotation(host, batch, Stage.SWAPPED, oldKey, newKey, OptionalLong.of(at), "");
    }

    public HostRotation at(Stage next) {
        return new HostRotation(host, batch, next, oldKey, newKey, swappedAt, message);
    }

    public HostRotation ended(Stage end, String why) {
        if (!end.isFinal()) throw new IllegalArgumentException(end + " is not an end");
        return new HostRotation(host, batch, end, oldKey, newKey, swappedAt, why);
    }

    /** The public key its peers should know it by at this stage. */
    public Optional<String> liveKey() {
        return stage.onNewKey() ? newKey : oldKey;
    }
}
