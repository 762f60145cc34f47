package dev.wgform.transport;

import org.apache.sshd.client.config.hosts.ConfigFileHostEntryResolver;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies the ssh config to a target: HostName, User, Port, IdentityFile and ProxyJump of the matching Host blocks,
 * with the target's explicit values winning, as Ansible's {@code -o User=... -o Port=... -i ...} do over the config.
 * MINA only parses the file; the precedence and the jump chain are worked out here so that every hop is known
 * (and its host key checked) by name.
 */
final class RouteResolver {
    private static final int MAX_JUMPS = 8;

    private final HostConfigEntryResolver config;
    private final Optional<Path> configFile;
    private final List<Path> defaultIdentities;

    RouteResolver(Optional<Path> configFile, List<Path> defaultIdentities) {
        this.config = configFile.<HostConfigEntryResolver>map(ConfigFileHostEntryResolver::new)
                .orElse(HostConfigEntryResolver.EMPTY);
        this.configFile = configFile;
        this.defaultIdentities = List.copyOf(defaultIdentities);
    }

    /**
     * Synchronized: MINA's file resolver (re)loads the config on first use and when it changes, and a lookup made
     * meanwhile from another host's thread can see no entries at all, so a host whose ProxyJump is in the config
     * would be dialled directly (seen in the lab: one connect in three went straight to a plane address).
     */
    synchronized Route resolve(SshTarget target) throws ConnectFailure {
        return resolve(target, 0);
    }

    /**
     * An inventory jump host ({@code wg_ssh_jump}) is reached by its own route, with its own user, port and key;
     * it replaces the ssh config's ProxyJump for this target, as an explicit value wins over the config.
     */
    private Route resolve(SshTarget target, int depth) throws ConnectFailure {
        int explicitPort = target.port() == SshTarget.DEFAULT_PORT ? 0 : target.port();
        Resolved resolved = lookup(target.address(), explicitPort, target.user(), target.identityFile());
        List<Hop> jumps = new ArrayList<>();
        if (target.jumpHost().isPresent()) {
            if (depth >= MAX_JUMPS) throw new ConnectFailure("more than " + MAX_JUMPS + " jump hosts (wg_ssh_jump) on the way");
            Route bastion = resolve(target.jumpHost().get(), depth + 1);
            jumps.addAll(bastion.jumps());
            jumps.add(bastion.target());
            if (jumps.size() > MAX_JUMPS) throw new ConnectFailure("more than " + MAX_JUMPS + " jump hosts on the way");
            return new Route(jumps, resolved.hop());
        }
        Optional<String> jumpSpec = target.proxyJump().or(() -> resolved.proxyJump());
        if (jumpSpec.isPresent()) addJumps(jumpSpec.get(), jumps, 0);
        return new Route(jumps, resolved.hop());
    }

    /** A jump host's own ProxyJump goes before it, as with OpenSSH, which runs {@code ssh -W} through it. */
    private void addJumps(String spec, List<Hop> into, int depth) throws ConnectFailure {
        if (depth > MAX_JUMPS) throw new ConnectFailure("ProxyJump loop in the ssh config near '" + spec + "'");
        for (String part : spec.split(",")) {
            JumpSpec jump = JumpSpec.parse(part.trim());
            Resolved resolved = lookup(jump.host(), jump.port(), jump.user(), Optional.empty());
            if (resolved.proxyJump().isPresent()) addJumps(resolved.proxyJump().get(), into, depth + 1);
            into.add(resolved.hop());
            if (into.size() > MAX_JUMPS) throw new ConnectFailure("more than " + MAX_JUMPS + " jump hosts in '" + spec + "'");
        }
    }

    private Resolved lookup(String alias, int explicitPort, Optional<String> explicitUser, Optional<Path> explicitIdentity)
            throws ConnectFailure {
        Optional<HostConfigEntry> entry;
        try {
            entry = Optional.ofNullable(config.resolveEffectiveHost(alias, explicitPort, null, explicitUser.orElse(null), null, null));
        } catch (IOException | RuntimeException e) {
            throw new ConnectFailure("cannot read the ssh config " + configFile.map(Path::toString).orElse("")
                    + ": " + Messages.reason(e), e);
        }
        String hostName = entry.map(HostConfigEntry::getHostName).filter(h -> !h.isEmpty()).orElse(alias);
        int port = explicitPort > 0 ? explicitPort
                : entry.map(HostConfigEntry::getPort).filter(p -> p > 0).orElse(SshTarget.DEFAULT_PORT);
        String user = explicitUser
                .or(() -> entry.map(HostConfigEntry::getUsername).filter(u -> !u.isEmpty()))
                .orElse(System.getProperty("user.name"));
        // OpenSSH offers its default keys only when no IdentityFile is configured
        List<Path> configured = entry.map(e -> e.getIdentities().stream().map(Path::of).toList()).orElse(List.of());
        List<Path> identities = explicitIdentity.map(List::of)
                .orElse(configured.isEmpty() ? defaultIdentities : configured);
        Optional<String> proxyJump = entry.map(HostConfigEntry::getProxyJump)
                .filter(j -> !j.isBlank() && !j.equalsIgnoreCase("none"));
        boolean named = explicitIdentity.isPresent() || !configured.isEmpty();
        return new Resolved(new Hop(hostName, port, user, identities, named), proxyJump);
    }

    private record Resolved(Hop hop, Optional<String> proxyJump) {
    }

    /** One element of a ProxyJump list: {@code [ssh://][user@]host[:port]}. */
    private record JumpSpec(Optional<String> user, String host, int port) {
        static JumpSpec parse(String text) throws ConnectFailure {
            try {
                URI uri = URI.create(text.contains("://") ? text : "ssh://" + text);
                if (!"ssh".equals(uri.getScheme()) || uri.getHost() == null) throw new IllegalArgumentException();
                String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
                return new JumpSpec(Optional.ofNullable(uri.getUserInfo()), host, Math.max(uri.getPort(), 0));
            } catch (IllegalArgumentException e) {
                throw new ConnectFailure("invalid ProxyJump host '" + text + "' (expected [user@]host[:port])");
            }
        }
    }
}
