package dev.wgform.model;

/** How the members of a plane peer with each other. */
public enum Topology {
    /** every member peers with every other member */
    MESH,
    /** spokes peer only with the hub; the hub peers with every spoke */
    HUB,
    /** like HUB, and the relay forwards between spokes (for peers behind NAT) */
    RELAY;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
