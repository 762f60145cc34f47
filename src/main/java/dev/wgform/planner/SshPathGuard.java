package dev.wgform.planner;

import dev.wgform.desired.FirewallState;
import dev.wgform.desired.HostState;
import dev.wgform.desired.ServiceState;
import dev.wgform.desired.WgInterface;
import dev.wgform.model.Cidr;
import dev.wgform.model.FirewallSettings.Backend;
import dev.wgform.model.FirewallSettings.Policy;
import dev.wgform.model.PortRule;
import dev.wgform.model.ServiceKind;
import dev.wgform.plan.Action;
import dev.wgform.plan.Change;
import dev.wgform.plan.HostPlan;
import dev.wgform.plan.ResourceType;
import dev.wgform.render.RenderedFile;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether applying a host's plan would cut the SSH connection wgform reaches it over, so that wgform (and whoever
 * reaches the host the same way) would be locked out. Pure: the desired state, the rendered files, the plan and the
 * path in; a refusal message out.
 *
 * <p>Only what the plan changes counts: the host was reached, so what it runs now lets wgform in, and a firewall or
 * sshd drop-in the plan leaves alone cannot cut the path. Judged are the desired firewall and the desired sshd
 * drop-in, nothing else on the host: sshd's main config may have {@code ListenAddress} lines of its own (the lab's
 * keeps {@code ListenAddress 198.51.100.N:22}) that would keep the path open, but wgform does not read sshd_config,
 * so it assumes the drop-in's lines are all there are. That errs on the side of refusing; {@code --force} overrides.
 */
public final class SshPathGuard {
    static final String FORCE = "--force applies it anyway, with a confirmed apply that reverts the host by itself if "
            + "wgform cannot reconnect (unless --confirm-timeout 0).";

    /**
     * Where wgform's SSH connection arrives on the host: the address and port the last hop connects to
     * ({@code ansible_host}, or the plane address of {@code wg_ssh_via}; {@code ansible_port}).
     */
    public record SshPath(String address, int port) {
        public SshPath {
            if (address == null || address.isBlank()) throw new IllegalArgumentException("address is required");
            if (port < 1 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        }

        /** 198.51.100.1:22, [fd00::1]:22 */
        public String text() {
            return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
        }
    }

    private SshPathGuard() {}

    /**
     * Why applying {@code plan} would cut {@code path}, naming the host, the path and the safe order; empty when it
     * would not, or when the host was not reached (there is nothing to cut then).
     *
     * @param rendered the host's rendered files as they will be installed (an sshd drop-in skipped because sshd
     *                 does not run is not among them)
     */
    public static Optional<String> refusal(HostState desired, List<RenderedFile> rendered, HostPlan plan, SshPath path) {
        if (!plan.isReachable()) return Optional.empty();
        Optional<WgInterface> plane = planeOf(desired, path.address());
        List<String> causes = new ArrayList<>();
        if (plane.isEmpty()) firewallCut(desired.firewall(), plan, path).ifPresent(causes::add);
        sshdCut(desired, rendered, plan, path).ifPresent(causes::add);
        if (causes.isEmpty()) return Optional.empty();
        return Optional.of(desired.host().name() + ": this change would cut wgform's SSH path to " + path.text() + " ("
                + String.join("; and ", causes) + "). " + safeOrder(desired, plane) + " " + FORCE);
    }

    /** The plane interface the path arrives on: the path's address is this host's address on a plane it is on. */
    private static Optional<WgInterface> planeOf(HostState desired, String address) {
        Optional<InetAddress> a = Cidr.parseAddress(address);
        if (a.isEmpty()) return Optional.empty();
        return desired.interfaces().stream().filter(i -> i.address().equals(a.get())).findFirst();
    }

    /**
     * On the public interface, a stealth firewall drops every TCP port it does not accept: the SSH port while
     * keep_public_ssh is set, and allow_public's TCP ports. Plane interfaces are accepted wholesale, open drops nothing.
     */
    private static Optional<String> firewallCut(FirewallState f, HostPlan plan, SshPath path) {
        if (f.backend() == Backend.NONE || f.policy() != Policy.STEALTH || !changes(plan, ResourceType.FIREWALL)) return Optional.empty();
        if (f.keepPublicSsh() && f.sshPort() == path.port()) return Optional.empty();
        if (f.allowPublic().contains(new PortRule("tcp", path.port()))) return Optional.empty();
        String why = f.keepPublicSsh() ? " (keep_public_ssh accepts TCP " + f.sshPort() + " only)" : " while keep_public_ssh is false";
        return Optional.of("the firewall's stealth policy drops TCP " + path.port() + " on " + f.publicInterface() + why);
    }

    /** sshd listens only where its drop-in's ListenAddress lines say: the path must be one of them. */
    private static Optional<String> sshdCut(HostState desired, List<RenderedFile> rendered, HostPlan plan, SshPath path) {
        for (ServiceState s : desired.services()) {
            if (s.kind() != ServiceKind.SSHD) continue;
            Optional<Change> change = plan.change(ResourceType.SERVICE_CONFIG, s.destination());
            if (change.isEmpty() || !change.get().changes() || change.get().action() == Action.DELETE) continue;
            Optional<RenderedFile> file = rendered.stream().filter(f -> f.path().equals(s.destination())).findFirst();
            if (file.isEmpty()) continue;
            List<SshdListen> listen = SshdListen.parseAll(file.get().content());
            if (listen.isEmpty() || listen.stream().anyMatch(l -> l.covers(path.address(), path.port()))) continue;
            return Optional.of("sshd's drop-in " + s.destination() + " has it listen on "
                    + listen.stream().map(SshdListen::text).collect(Collectors.joining(", ")) + " only");
        }
        return Optional.empty();
    }

    /** The plan does something to a resource of this type (writes, loads or deletes it). */
    private static boolean changes(HostPlan plan, ResourceType type) {
        return plan.changes().stream().anyMatch(c -> c.type() == type && c.changes());
    }

    private static String safeOrder(HostState desired, Optional<WgInterface> arrivesOn) {
        if (arrivesOn.isPresent()) {
            String p = arrivesOn.get().plane();
            return "Safe order: keep sshd listening on the " + p + " address wgform reaches the host at (services: sshd: { plane: "
                    + p + " }), or point wg_ssh_via at the plane sshd is bound to, reach the host over it, then move.";
        }
        String p = managementPlane(desired);
        return "Safe order: bring the " + p + " plane up with keep_public_ssh: true, reach the host over it (wg_ssh_via: " + p
                + ", with the workstation a " + p + " member or a bastion via wg_ssh_jump), then lock down.";
    }

    /** The plane sshd is bound to, else the host's first plane. */
    private static String managementPlane(HostState desired) {
        for (ServiceState s : desired.services()) if (s.kind() == ServiceKind.SSHD) return s.plane();
        return desired.interfaces().isEmpty() ? "mgmt" : desired.interfaces().get(0).plane();
    }
}
