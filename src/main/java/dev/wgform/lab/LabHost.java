package dev.wgform.lab;

import java.util.Map;

/**
 * One lab host: network namespace {@code wgl-N}, public address 198.51.100.N, and on plane P of the
 * four-plane playbook the address 10.20P.0.N, so that a host's number is its last octet everywhere.
 *
 * @param index 1-based host number
 * @param rhel  whether it presents itself as RHEL family (its os-release says Rocky Linux)
 */
public record LabHost(int index, boolean rhel) {
    /** The four-plane playbook's planes and their /24s, in the order they are written. */
    static final Map<String, String> PLANE_PREFIXES = Map.of(
            "mgmt", "10.200.0.", "data", "10.201.0.", "monitor", "10.202.0.", "app", "10.203.0.");
    static final String[] PLANES = {"mgmt", "data", "monitor", "app"};

    public LabHost {
        if (index < 1 || index > LabNetwork.MAX_HOSTS) throw new IllegalArgumentException("lab host number out of range: " + index);
    }

    /** Inventory name: {@code lab-N}. */
    public String name() {
        return "lab-" + index;
    }

    /** Network namespace: {@code wgl-N}. */
    public String namespace() {
        return "wgl-" + index;
    }

    /** Address on the lab bridge, where its sshd listens and its WireGuard endpoints are. */
    public String address() {
        return "198.51.100." + index;
    }

    /** Its address on a four-plane playbook plane (mgmt, data, monitor, app). */
    public String planeAddress(String plane) {
        String prefix = PLANE_PREFIXES.get(plane);
        if (prefix == null) throw new IllegalArgumentException("not a four-plane plane: " + plane);
        return prefix + index;
    }
}
