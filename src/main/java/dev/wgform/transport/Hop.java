package dev.wgform.transport;

import java.nio.file.Path;
import java.util.List;

/**
 * One SSH login on the way to a host, with the ssh config already applied: a jump host or the target itself.
 *
 * @param hostName   the name or address connected to, and the name its key is recorded under in known_hosts
 * @param port       the SSH port
 * @param user       the login user
 * @param identities private key files to offer, in order
 * @param named      whether the key files were named for this host (inventory or ssh config) rather than defaults
 */
record Hop(String hostName, int port, String user, List<Path> identities, boolean named) {
    Hop {
        identities = List.copyOf(identities);
    }

    /** {@code host:port}, with brackets around an IPv6 address. */
    String address() {
        return (hostName.contains(":") ? "[" + hostName + "]" : hostName) + ":" + port;
    }
}
