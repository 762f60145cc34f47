package dev.wgform.apply;

import java.net.InetAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Who is running wgform, as a host's lock file and a refusal name it: "alice@laptop pid 4242 since
 * 2026-11-26T16:55:01Z". One per JVM: every script of a run names the same holder.
 */
public final class LockHolder {
    private static final String CURRENT = describe();

    private LockHolder() {}

    public static String current() {
        return CURRENT;
    }

    private static String describe() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        String user = System.getProperty("user.name", "unknown");
        String text = user + "@" + host + " pid " + ProcessHandle.current().pid() + " since " + Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return text.replaceAll("[^A-Za-z0-9@._:+ -]", "?"); // one safe line, whatever the names hold
    }
}
