package dev.wgform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wgform.transport.PassphraseSource;
import dev.wgform.transport.RemoteHost;
import dev.wgform.transport.SshSettings;
import dev.wgform.transport.SshTarget;
import dev.wgform.transport.SshTransport;
import dev.wgform.transport.TestKeys;
import dev.wgform.transport.TransportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host key checking cannot be turned off: no option, no environment variable and no ssh config setting makes wgform
 * accept a host whose key changed, and {@code --accept-new-host-keys} records keys of hosts never seen but still
 * refuses a changed one, also when the new key is of another type. (transport/SshTransportTest covers the checks
 * themselves: unknown keys, accept-new recording, hashed entries, ports.)
 */
class HostKeyCheckingTest {
    @TempDir
    Path base;

    private static final String PLAYBOOK = "planes:\n  mgmt: { subnet: 10.200.0.0/24, port: 51820, members: [all] }\n";

    @Test
    void aChangedKeyIsRefusedWithAcceptNewAndAnSshConfigThatSaysNotToCheck() throws IOException {
        try (LoopbackFleet fleet = LoopbackFleet.start(base, "node-a", "node-b")) {
            // ~/.ssh of a user who told OpenSSH not to check; wgform reads this config (and its known_hosts by default)
            Path home = Files.createDirectories(base.resolve("home"));
            Path ssh = Files.createDirectories(home.resolve(".ssh"));
            Files.writeString(ssh.resolve("config"), """
                    Host *
                      StrictHostKeyChecking no
                      UserKnownHostsFile /dev/null
                      GlobalKnownHostsFile /dev/null
                      CheckHostIP no
                      UpdateHostKeys yes
                    """);
            LoopbackHost a = fleet.host("node-a");
            LoopbackHost b = fleet.host("node-b");
            KeyPair old = TestKeys.ed25519();
            String known = "[127.0.0.1]:" + a.port() + " " + PublicKeyEntry.toString(old.getPublic()) + "\n"
                    + "[127.0.0.1]:" + b.port() + " " + PublicKeyEntry.toString(b.hostKey.getPublic()) + "\n";
            Files.writeString(ssh.resolve("known_hosts"), known);
            Path inventory = fleet.inventory(Map.of());
            Path playbook = fleet.write("playbook.yml", PLAYBOOK);

            LoopbackFleet.Result plan = withHome(home, () -> Cli.run("plan", "--accept-new-host-keys", "-i", inventory.toString(), playbook.toString()));

            assertThat(plan.exit()).as(plan.all()).isEqualTo(1);
            assertThat(plan.all()).contains("HOST KEY CHANGED for [127.0.0.1]:" + a.port(), "possible man-in-the-middle attack");
            assertThat(a.received()).as("nothing ran on the host whose key changed").isEmpty();
            assertThat(Files.readString(ssh.resolve("known_hosts"))).isEqualTo(known);
        }
    }

    @Test
    void aKeyOfAnotherTypeFromAHostWhoseKeyIsKnownIsRefusedWithAcceptNew() throws Exception {
        // the host was recorded with its ed25519 key; now something answers there with an ECDSA key only
        KeyPair user = TestKeys.ed25519();
        Path identity = TestKeys.write(user, Files.createDirectories(base.resolve("ws")).resolve("id"));
        try (LoopbackHost impostor = new LoopbackHost("db-1", base, user.getPublic(), TestKeys.ecdsa())) {
            Path knownHosts = base.resolve("ws/known_hosts");
            String known = "[127.0.0.1]:" + impostor.port() + " " + PublicKeyEntry.toString(TestKeys.ed25519().getPublic()) + "\n";
            Files.writeString(knownHosts, known);
            SshSettings settings = new SshSettings(knownHosts, true, Duration.ofSeconds(5), Duration.ofSeconds(5), Optional.empty(), List.of(),
                    PassphraseSource.none());
            SshTarget target = new SshTarget("db-1", "127.0.0.1", impostor.port(), Optional.of("root"), Optional.of(identity), false,
                    Optional.empty());
            try (SshTransport transport = new SshTransport(settings)) {
                assertThatThrownBy(() -> {
                    try (RemoteHost host = transport.connect(target)) {
                        host.run("true", Duration.ofSeconds(5));
                    }
                }).isInstanceOf(TransportException.class).hasMessageContaining("HOST KEY CHANGED");
            }
            assertThat(impostor.received()).isEmpty();
            assertThat(Files.readString(knownHosts)).isEqualTo(known);
        }
    }

    @Test
    void noOptionOfAnyCommandTouchesHostKeysButKnownHostsAndAcceptNew() {
        Pattern option = Pattern.compile("(?m)^\\s+(?:-\\w, )?(--[a-z0-9-]+)");
        Set<String> all = new TreeSet<>();
        for (String command : List.of("validate", "render", "graph", "plan", "apply", "drift", "status", "rotate", "lab")) {
            LoopbackFleet.Result help = Cli.run(command, "--help");
            assertThat(help.exit()).as(command + " --help").isZero();
            Matcher m = option.matcher(help.out());
            while (m.find()) all.add(m.group(1));
        }
        assertThat(all).as("options seen (so the pattern works)").contains("--known-hosts", "--accept-new-host-keys", "--json");
        assertThat(all.stream().filter(o -> o.matches(".*(host-?key|known|strict|insecure|trust|verify|fingerprint|ignore|skip).*")))
                .containsExactlyInAnyOrder("--known-hosts", "--accept-new-host-keys",
                        "--verify-timeout"); // rotate: how long to wait for handshakes and pings after a key swap, not SSH
    }

    /**
     * The environment variables wgform reads, all of them: none decides anything about host keys. A new one must
     * be added here, so that someone looks at it.
     */
    @Test
    void noEnvironmentVariableTouchesHostKeys() throws IOException {
        Pattern getenv = Pattern.compile("getenv\\(([^)]*)\\)");
        List<String> read = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path f : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = getenv.matcher(Files.readString(f));
                while (m.find()) read.add(f.getFileName() + ": " + m.group(1));
            }
        }
        assertThat(read).isNotEmpty().allSatisfy(r -> assertThat(r).matches(
                "(GlobalOptions|Main)\\.java: \"NO_COLOR\"" // colours
                        + "|DriftCommand\\.java: \"WGFORM_LAUNCHER\"" // how a scheduled drift run starts wgform
                        + "|Workstation\\.java: \"(XDG_CONFIG_HOME|PATH)\"" // where timers go, what cron finds
                        + "|WorkstationCommand\\.java: \"XDG_CONFIG_HOME\"" // where a non-root workstation keeps its own key
                        + "|Machine\\.java: \"SUDO_(UID|GID)\"" // the local lab: who owns what it makes
                        + "|LockHolder\\.java: \"HOSTNAME\"" // the name a lock gives its holder, where /proc has none
                        + "|RotationRun\\.java: HOLD_AFTER_STAGE" // a test holds a rotation after a stage, to SIGKILL it
                        + "|PassphraseSource\\.java: ENVIRONMENT_VARIABLE")); // a key's passphrase, WGFORM_SSH_PASSPHRASE
        assertThat(PassphraseSource.ENVIRONMENT_VARIABLE).doesNotContainIgnoringCase("host");
    }

    /** Runs with {@code user.home} (where ~/.ssh is looked up) pointing at {@code home}; nothing else runs meanwhile. */
    private static LoopbackFleet.Result withHome(Path home, java.util.function.Supplier<LoopbackFleet.Result> run) {
        String before = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            return run.get();
        } finally {
            System.setProperty("user.home", before);
        }
    }
}
