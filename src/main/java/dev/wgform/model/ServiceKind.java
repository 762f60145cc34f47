package dev.wgform.model;

import java.util.Locale;
import java.util.Optional;

/** The services wgform knows how to bind to a plane address; CUSTOM covers everything else. */
public enum ServiceKind {
    SSHD, POSTGRESQL, PROMETHEUS, NODE_EXPORTER, NGINX, CUSTOM;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ServiceKind> fromYaml(String name) {
        for (ServiceKind k : values()) if (k.yamlName().equals(name)) return Optional.of(k);
        return Optional.empty();
    }
}
