package dev.wgform.lab;

import java.util.OptionalInt;

/** Reading what kind of machine this is: pure functions over the JVM's and the kernel's own descriptions. */
final class Platform {
    private Platform() {}

    static boolean isLinux(String osName) {
        return osName != null && osName.toLowerCase(java.util.Locale.ROOT).startsWith("linux");
    }

    /** The effective user id in the text of /proc/self/status ({@code Uid: real effective saved fs}). */
    static OptionalInt effectiveUid(String procStatus) {
        for (String line : procStatus.split("\n")) {
            if (!line.startsWith("Uid:")) continue;
            String[] ids = line.substring(4).strip().split("\\s+");
            if (ids.length >= 2 && ids[1].matches("[0-9]+")) return OptionalInt.of(Integer.parseInt(ids[1]));
        }
        return OptionalInt.empty();
    }
}
