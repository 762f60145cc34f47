package dev.wgform.model;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An admin workstation enrolled in a plane ({@code wgform workstation}), as recorded in the lock file: a road
 * warrior that the plane's members accept as a peer (no endpoint: it always dials in). Only its public key is known;
 * the private key never leaves the workstation.
 *
 * @param name      the enrolment's name, unique among workstations and distinct from every inventory host
 * @param plane     the plane it is a member of
 * @param address   its address on the plane
 * @param publicKey its WireGuard public key (base64)
 * @param source    where the lock file records it
 */
public record WorkstationPeer(String name, String plane, InetAddress address, String publicKey, SourceRef source) {
    public WorkstationPeer {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("workstation name is required");
        if (plane == null || plane.isBlank()) throw new IllegalArgumentException("plane is required");
        Objects.requireNonNull(address, "address");
        if (publicKey == null || publicKey.isBlank()) throw new IllegalArgumentException("public key is required");
        Objects.requireNonNull(source, "source");
    }
}
