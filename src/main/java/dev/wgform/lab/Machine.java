package dev.wgform.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the lab needs to know about the machine it runs on, read once at the edge so that the checks are testable.
 *
 * @param osName  the JVM's {@code os.name}
 * @param uid     the effective user id, when the kernel says (/proc/self/status)
 * @param sudoUser {@code SUDO_UID}/{@code SUDO_GID}: the user behind sudo, who should own the files written
 */
record Machine(String osName, OptionalInt uid, Optional<Machine.Owner> sudoUser) {
    /** A numeric user and group. */
    record Owner(int uid, int gid) {}

    static Machine current() {
        OptionalInt uid = OptionalInt.empty();
        try {
            uid = Platform.effectiveUid(Files.readString(Path.of("/proc/self/status")));
        } catch (IOException | RuntimeException e) {
            // not Linux, or no /proc: the Linux check says what is wrong
        }
        return new Machine(System.getProperty("os.name", "unknown"), uid, sudoUser(System.getenv("SUDO_UID"), System.getenv("SUDO_GID")));
    }

    static Optional<Owner> sudoUser(String uid, String gid) {
        if (uid == null || gid == null || !uid.matches("[0-9]{1,9}") || !gid.matches("[0-9]{1,9}")) return Optional.empty();
        return Optional.of(new Owner(Integer.parseInt(uid), Integer.parseInt(gid)));
    }

    void requireRootOnLinux() throws LabException {
        if (!Platform.isLinux(osName)) {
            throw new LabException("the lab needs Linux (it is built from network namespaces); this is " + osName);
        }
        if (uid.isEmpty() || uid.getAsInt() != 0) {
            throw new LabException("the lab needs root (it creates network namespaces, a bridge and files under /etc/netns); "
                    + "run it with sudo");
        }
    }
}
