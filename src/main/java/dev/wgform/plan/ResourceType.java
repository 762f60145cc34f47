package dev.wgform.plan;

import java.util.Locale;
import java.util.Optional;

/** The kinds of things wgform manages on a host. */
public enum ResourceType {
    PRIVATE_KEY("private key"),
    PRESHARED_KEY("preshared key"),
    WG_CONFIG("wg config"),
    INTERFACE("interface"),
    FIREWALL("firewall"),
    SERVICE_CONFIG("service config"),
    MANIFEST("manifest");

    private final String label;

    ResourceType(String label) {
        this.label = label;
    }

    /** For people: "private key", "wg config". */
    public String label() {
        return label;
    }

    /** A resource that is a file wgform renders, so its change carries a {@link FileChange}. */
    public boolean isRenderedFile() {
        return this == WG_CONFIG || this == FIREWALL || this == SERVICE_CONFIG;
    }

    /** private_key, wg_config: the plan file and --json name. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ResourceType> fromJson(String name) {
        for (ResourceType t : values()) if (t.jsonName().equals(name)) return Optional.of(t);
        return Optional.empty();
    }
}
