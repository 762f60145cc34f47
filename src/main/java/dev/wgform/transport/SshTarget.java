package dev.wgform.transport;

import dev.wgform.model.Host;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and as whom to log in for one inventory host.
 *
 * <p>Explicit values win over {@code ~/.ssh/config}, as with Ansible: {@code user}, {@code identityFile} and
 * {@code proxyJump} when present, {@code port} when it is not 22. Port 22 is what the inventory gives when
 * {@code ansible_port} is absent, so a {@code Port} line of the matching ssh config {@code Host} block applies then.
 * {@code address} is looked up in the ssh config like a name typed after {@code ssh}, so {@code HostName} can rename it.
 *
 * @param host         inventory name, used in messages only
 * @param address      {@code ansible_host}, else the inventory name
 * @param port         {@code ansible_port}, else 22
 * @param user         {@code ansible_user}; else the ssh config's {@code User}, else the local user name
 * @param identityFile {@code ansible_ssh_private_key_file}; else the ssh config's {@code IdentityFile}, else the
 *                     default identities of {@link SshSettings}
 * @param become       {@code ansible_become}: run commands through {@code sudo -n} when the login user is not root
 * @param proxyJump    an OpenSSH {@code ProxyJump} value ({@code [user@]host[:port][,...]}); else the ssh config's
 * @param jumpHost     {@code wg_ssh_jump}: another inventory host to pass through, logged into with its own settings
 *                     (and its own route); it replaces any ProxyJump of the ssh config for this target
 */
public record SshTarget(
        String host,
        String address,
        int port,
        Optional<String> user,
        Optional<Path> identityFile,
        boolean become,
        Optional<String> proxyJump,
        Optional<SshTarget> jumpHost) {

    public static final int DEFAULT_PORT = 22;

    public SshTarget {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("host name is required");
        if (address == null || address.isBlank()) throw new IllegalArgumentException("address is required for " + host);
        if (port < 1 || port > 65535) throw new IllegalArgumentException("ssh port out of range for " + host + ": " + port);
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(identityFile, "identityFile");
        Objects.requireNonNull(proxyJump, "proxyJump");
        user = user.filter(u -> !u.isBlank());
        proxyJump = proxyJump.filter(p -> !p.isBlank());
        Objects.requireNonNull(jumpHost, "jumpHost");
        if (proxyJump.isPresent() && jumpHost.isPresent()) {
            throw new IllegalArgumentException(host + " has both a ProxyJump and a jump host; give one");
        }
    }

    /** A target without an inventory jump host. */
    public SshTarget(String host, String address, int port, Optional<String> user, Optional<Path> identityFile,
                     boolean become, Optional<String> proxyJump) {
        this(host, address, port, user, identityFile, become, proxyJump, Optional.empty());
    }

    /** This target reached through {@code bastion}, logged into as that host is when reached itself. */
    public SshTarget via(SshTarget bastion) {
        return new SshTarget(host, address, port, user, identityFile, become, Optional.empty(), Optional.of(bastion));
    }

    /** The target for an inventory host; {@code ~/} in the key file name is the local home directory, as in Ansible. */
    public static SshTarget of(Host host) {
        return new SshTarget(host.name(), host.sshAddress(), host.sshPort(), host.sshUser(),
                host.sshPrivateKeyFile().map(SshTarget::expandHome), host.become(), Optional.empty());
    }

    static Path expandHome(String file) {
        if (file.equals("~")) return Path.of(System.getProperty("user.home"));
        if (file.startsWith("~/")) return Path.of(System.getProperty("user.home"), file.substring(2));
        return Path.of(file);
    }
}
