package dev.wgform.app;

import dev.wgform.apply.ServiceStep;
import dev.wgform.model.ServiceKind;
import java.util.Optional;

/**
 * How each bound service is checked and reloaded on a host: through systemd where PID 1 is systemd, otherwise
 * directly (the service's own reload signal), so containers and the local lab work too.
 */
final class ServiceCommands {
    private ServiceCommands() {}

    static ServiceStep step(String name, ServiceKind kind, boolean systemd, Optional<String> customValidate,
                            Optional<String> customReload) {
        switch (kind) {
            case SSHD:
                // sshd re-executes itself on SIGHUP and binds its new ListenAddress lines; `sshd -t` first, always
                return new ServiceStep(name, Optional.of("sshd -t"), systemd
                        ? "systemctl reload ssh 2>/dev/null || systemctl reload sshd"
                        : "kill -HUP \"$(cat \"$(sshd -T 2>/dev/null | awk '$1==\"pidfile\"{print $2}')\")\"");
            case NGINX:
                return new ServiceStep(name, Optional.of("nginx -t -q"), systemd ? "systemctl reload nginx" : "nginx -s reload");
            case POSTGRESQL:
                // listen_addresses only takes effect on a restart
                return new ServiceStep(name, Optional.empty(), systemd ? "systemctl restart postgresql" : "pg_ctlcluster --all restart 2>/dev/null || true");
            case PROMETHEUS:
                return new ServiceStep(name, Optional.empty(), systemd ? "systemctl restart prometheus" : "pkill -HUP -x prometheus");
            case NODE_EXPORTER:
                return new ServiceStep(name, Optional.empty(), systemd
                        ? "systemctl restart prometheus-node-exporter 2>/dev/null || systemctl restart node_exporter"
                        : "pkill -HUP -x prometheus-node-exporter || pkill -HUP -x node_exporter");
            case CUSTOM:
            default:
                return new ServiceStep(name, customValidate, customReload.orElse("true"));
        }
    }
}
