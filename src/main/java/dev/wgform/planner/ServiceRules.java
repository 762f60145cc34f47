package dev.wgform.planner;

import dev.wgform.desired.ServiceState;
import dev.wgform.model.ServiceKind;
import dev.wgform.plan.Effect;
import java.util.List;
import java.util.Optional;

/** How a changed service drop-in takes effect: a reload where the service re-reads it, a restart where it must. */
final class ServiceRules {
    private ServiceRules() {}

    static List<Effect> effects(ServiceState s) {
        if (s.kind() == ServiceKind.CUSTOM) {
            return s.custom().flatMap(c -> c.reload()).isPresent() ? List.of(new Effect.ReloadService(s.name())) : List.of();
        }
        return effects(s.kind(), s.name());
    }

    /** For a drop-in whose binding is gone: only the built-in services are known well enough to reload. */
    static List<Effect> effectsOfRemoved(String serviceName) {
        Optional<ServiceKind> kind = ServiceKind.fromYaml(serviceName);
        if (kind.isEmpty() || kind.get() == ServiceKind.CUSTOM) return List.of();
        return effects(kind.get(), serviceName);
    }

    private static List<Effect> effects(ServiceKind kind, String name) {
        // PostgreSQL reads listen_addresses only at start
        return kind == ServiceKind.POSTGRESQL ? List.of(new Effect.RestartService(name)) : List.of(new Effect.ReloadService(name));
    }

    /** "service:sshd" -> sshd. */
    static Optional<String> serviceOfKind(String kind) {
        return kind.startsWith("service:") ? Optional.of(kind.substring("service:".length())) : Optional.empty();
    }
}
