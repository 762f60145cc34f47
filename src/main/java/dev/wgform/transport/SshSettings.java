package dev.wgform.transport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How the transport logs in, for the whole run.
 *
 * @param knownHosts        OpenSSH known_hosts file that host keys are checked against (and appended to with
 *                          {@code acceptNewHostKeys})
 * @param acceptNewHostKeys record the key of a host not yet in {@code knownHosts} instead of refusing it, like
 *                          OpenSSH's {@code StrictHostKeyChecking accept-new}; a changed key is refused regardless
 * @param connectTimeout    limit for the TCP connection
 * @param authTimeout       limit for the SSH handshake and the login once connected
 * @param sshConfig         an OpenSSH client config file for Host/HostName/User/Port/IdentityFile/ProxyJump
 * @param defaultIdentities private keys to offer when neither the target nor the ssh config names one
 * @param passphrases       where passphrases of encrypted keys come from
 */
public record SshSettings(
        Path knownHosts,
        boolean acceptNewHostKeys,
        Duration connectTimeout,
        Duration authTimeout,
        Optional<Path> sshConfig,
        List<Path> defaultIdentities,
        PassphraseSource passphrases) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public SshSettings {
        Objects.requireNonNull(knownHosts, "knownHosts");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(authTimeout, "authTimeout");
        Objects.requireNonNull(sshConfig, "sshConfig");
        defaultIdentities = List.copyOf(defaultIdentities);
        Objects.requireNonNull(passphrases, "passphrases");
    }

    /**
     * The settings of a normal run: 10 s timeouts, {@code ~/.ssh/config} if it exists, the existing ones of
     * {@code ~/.ssh/id_ed25519}, {@code id_ecdsa} and {@code id_rsa}, passphrases from
     * {@value PassphraseSource#ENVIRONMENT_VARIABLE} or the terminal.
     */
    public static SshSettings defaults(Path knownHosts, boolean acceptNewHostKeys) {
        Path sshDirectory = Path.of(System.getProperty("user.home"), ".ssh");
        Optional<Path> config = Optional.of(sshDirectory.resolve("config")).filter(Files::isRegularFile);
        List<Path> identities = Stream.of("id_ed25519", "id_ecdsa", "id_rsa")
                .map(sshDirectory::resolve)
                .filter(Files::isRegularFile)
                .toList();
        return new SshSettings(knownHosts, acceptNewHostKeys, DEFAULT_TIMEOUT, DEFAULT_TIMEOUT, config, identities,
                PassphraseSource.environmentThenConsole());
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive: " + d);
    }
}
