package dev.wgform.desired;

import dev.wgform.model.CustomService;
import dev.wgform.model.ServiceKind;
import dev.wgform.model.SourceRef;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A service binding as it should be on one host: listen on its plane address.
 *
 * @param name                 the key in the playbook's {@code services:} map
 * @param kind                 which built-in binding, or CUSTOM
 * @param plane                the plane whose address the service listens on
 * @param address              this host's address on that plane
 * @param port                 listen port, defaulted for services that need one (prometheus 9090,
 *                             node_exporter 9100, nginx 80); absent where the service keeps its own
 * @param extraListenAddresses more addresses to keep listening on: sshd's {@code ansible_host} while
 *                             {@code keep_public_ssh} is set, so wgform does not cut its own way in
 * @param destination          the absolute path of the drop-in file on the host
 * @param custom               template, validate and reload commands of a custom service
 * @param source               where the binding was declared, for messages about it
 */
public record ServiceState(String name, ServiceKind kind, String plane, InetAddress address, OptionalInt port,
                           List<String> extraListenAddresses, String destination, Optional<CustomService> custom,
                           SourceRef source) {
    /** Host variable naming the PostgreSQL major version, which is part of Debian's config path (default 15). */
    public static final String POSTGRESQL_VERSION_VAR = "wg_postgresql_version";

    public ServiceState {
        if (name == null || kind == null || plane == null || address == null || destination == null || source == null) {
            throw new IllegalArgumentException("name, kind, plane, address, destination and source are required");
        }
        extraListenAddresses = List.copyOf(extraListenAddresses);
        if ((kind == ServiceKind.CUSTOM) != custom.isPresent()) throw new IllegalArgumentException("custom settings only for custom services");
    }
}
