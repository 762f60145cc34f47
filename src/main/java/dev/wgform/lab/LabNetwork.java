package dev.wgform.lab;

/**
 * Names and addresses of the local lab. The public side is 198.51.100.0/24 (TEST-NET-2, a documentation
 * range): never the machine's own network, and refused when any route already covers part of it.
 */
public final class LabNetwork {
    /** At most this many hosts: enough for a mesh that shows scaling, few enough to start in seconds. */
    public static final int MAX_HOSTS = 32;
    public static final String SUBNET = "198.51.100.0/24";
    public static final String BRIDGE = "wgl-br0";
    public static final String BRIDGE_ADDRESS = "198.51.100.254";

    private LabNetwork() {}
}
