package dev.wgform.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The safety net of a change that can cut wgform off its host (the firewall, sshd's config), like a router's
 * "commit confirmed": before the first of those effects the install step starts a watchdog on the host that, unless
 * a new SSH session confirms the change within {@code seconds} after the install step ends, restores these files
 * from the run's backup (or removes them when they did not exist) and loads them again.
 *
 * @param seconds  how long the host waits for the confirmation once the install step has ended
 * @param paths    the firewall and sshd files this run writes or deletes
 * @param firewall load the restored firewall again (the request's {@link FirewallStep#rollbackCommand()})
 * @param services services of the request to validate and reload with their restored files (sshd)
 */
public record ConfirmWindow(int seconds, List<String> paths, boolean firewall, List<String> services) {
    /** wgform's default and the CLI's limits; shorter windows are for tests of the watchdog itself. */
    public static final int DEFAULT_SECONDS = 60;
    public static final int MIN_SECONDS = 10;
    public static final int MAX_SECONDS = 3600;

    public ConfirmWindow {
        if (seconds < 1 || seconds > MAX_SECONDS) throw new IllegalArgumentException("confirm window must be 1-" + MAX_SECONDS + " s: " + seconds);
        paths = List.copyOf(paths);
        services = List.copyOf(services);
        for (String p : paths) Shell.checkPath(p, "guarded path");
        if (!firewall && services.isEmpty()) throw new IllegalArgumentException("a confirm window guards the firewall or a service");
    }

    /**
     * The window a host's install step needs: one when it loads a firewall or reloads one of {@code sshdServices};
     * empty when it does neither or when {@code seconds} is 0 (not armed, for hosts reached another way).
     *
     * @param kindByPath every file the step writes or deletes, with its kind ({@code firewall}, {@code service:NAME}, {@code wg})
     * @param services   the services the step reloads
     * @param sshdServices which of the playbook's services are sshd (usually just {@code sshd})
     */
    public static Optional<ConfirmWindow> forStep(int seconds, Map<String, String> kindByPath, Optional<FirewallStep> firewall,
                                                  List<ServiceStep> services, Set<String> sshdServices) {
        if (seconds < 0) throw new IllegalArgumentException("confirm timeout must not be negative: " + seconds);
        List<String> guarded = services.stream().map(ServiceStep::name).filter(sshdServices::contains).toList();
        if (seconds == 0 || (firewall.isEmpty() && guarded.isEmpty())) return Optional.empty();
        List<String> paths = new ArrayList<>();
        kindByPath.forEach((path, kind) -> {
            boolean ours = (firewall.isPresent() && kind.equals("firewall"))
                    || (kind.startsWith("service:") && guarded.contains(kind.substring("service:".length())));
            if (ours) paths.add(path);
        });
        return Optional.of(new ConfirmWindow(seconds, paths, firewall.isPresent(), guarded));
    }

    /** For messages: "firewall and sshd config", "firewall", "sshd config". */
    public String what() {
        String svc = String.join(", ", services) + " config";
        if (!firewall) return svc;
        return services.isEmpty() ? "firewall" : "firewall and " + svc;
    }
}
