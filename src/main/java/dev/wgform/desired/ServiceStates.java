package dev.wgform.desired;

import dev.wgform.model.AddressText;
import dev.wgform.model.FirewallSettings;
import dev.wgform.model.Fleet;
import dev.wgform.model.Host;
import dev.wgform.model.ServiceBinding;
import dev.wgform.model.ServiceKind;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The playbook's service bindings that apply to one host, with their ports and drop-in files resolved. */
final class ServiceStates {
    static final String DEFAULT_POSTGRESQL_VERSION = "15";

    private ServiceStates() {}

    static List<ServiceState> forHost(Fleet fleet, Host host) {
        FirewallSettings firewall = fleet.playbook().firewall();
        List<ServiceState> out = new ArrayList<>();
        for (ServiceBinding b : fleet.playbook().services()) {
            Optional<InetAddress> address = fleet.address(b.plane(), host.name());
            if (address.isEmpty() || !appliesTo(b, host)) continue;
            List<String> extra = b.kind() == ServiceKind.SSHD && firewall.keepPublicSsh()
                    && !host.sshAddress().equals(AddressText.of(address.get()))
                    ? List.of(host.sshAddress()) : List.of();
            out.add(new ServiceState(b.name(), b.kind(), b.plane(), address.get(), port(b), extra,
                    destination(b, host), b.custom(), b.source()));
        }
        return out;
    }

    private static boolean appliesTo(ServiceBinding b, Host host) {
        if (b.hosts().isEmpty()) return true;
        for (String h : b.hosts()) if (h.equals(host.name()) || host.inGroup(h)) return true;
        return false;
    }

    private static OptionalInt port(ServiceBinding b) {
        if (b.port().isPresent()) return b.port();
        switch (b.kind()) {
            case PROMETHEUS: return OptionalInt.of(9090);
            case NODE_EXPORTER: return OptionalInt.of(9100);
            case NGINX: return OptionalInt.of(80);
            default: return OptionalInt.empty();
        }
    }

    private static String destination(ServiceBinding b, Host host) {
        switch (b.kind()) {
            case SSHD: return "/etc/ssh/sshd_config.d/wgform.conf";
            case POSTGRESQL: return "/etc/postgresql/" + postgresqlVersion(host) + "/main/conf.d/wgform.conf";
            case PROMETHEUS: return "/etc/default/prometheus";
            case NODE_EXPORTER: return "/etc/default/prometheus-node-exporter";
            case NGINX: return "/etc/nginx/wgform-listen.conf";
            case CUSTOM: return b.custom().orElseThrow().destination();
            default: throw new IllegalStateException("unknown service kind " + b.kind());
        }
    }

    /** As written: the renderer rejects a value that is not a version, so a bad var cannot reach a path. */
    private static String postgresqlVersion(Host host) {
        Object v = host.vars().get(ServiceState.POSTGRESQL_VERSION_VAR);
        return v == null ? DEFAULT_POSTGRESQL_VERSION : String.valueOf(v);
    }
}
