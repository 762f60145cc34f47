package dev.wgform.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A service that should listen only on a plane address.
 *
 * @param name   the key in the playbook's {@code services:} map (sshd, postgresql, or any name for custom)
 * @param kind   which built-in binding to use
 * @param plane  the plane whose address the service listens on
 * @param port   listen port where the service needs one (prometheus, node_exporter, nginx, custom)
 * @param hosts  groups or hosts the binding applies to; empty means every member of the plane
 * @param custom template, destination and commands for CUSTOM services
 * @param source where the binding was declared
 */
public record ServiceBinding(
        String name,
        ServiceKind kind,
        String plane,
        OptionalInt port,
        List<String> hosts,
        Optional<CustomService> custom,
        SourceRef source) {

    public ServiceBinding {
        hosts = List.copyOf(hosts);
        if ((kind == ServiceKind.CUSTOM) != custom.isPresent()) throw new IllegalArgumentException("custom settings only for custom services");
    }
}
