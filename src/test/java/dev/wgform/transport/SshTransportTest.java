package dev.wgform.transport;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against MINA's embedded server on loopback: real sessions, real {@code sh -s}, real known_hosts files. */
class SshTransportTest {
    private static final Duration RUN = Duration.ofSeconds(10);

    @TempDir
    static Path keys;
    private static KeyPair hostKey;
    private static KeyPair aliceKey;
    private static KeyPair strangerKey;
    private static Path aliceKeyFile;
    private static Path strangerKeyFile;
    private static TestSshServer server;

    @TempDir
    Path dir;
    private Path knownHosts;

    @BeforeAll
    static void startServer() throws Exception {
        hostKey = TestKeys.ed25519();
        aliceKey = TestKeys.ed25519();
        strangerKey = TestKeys.ed25519();
        aliceKeyFile = TestKeys.write(aliceKey, keys.resolve("alice_ed25519"));
        strangerKeyFile = TestKeys.write(strangerKey, keys.resolve("stranger_ed25519"));
        server = TestSshServer.start(List.of(hostKey),
                Map.of("alice", List.of(aliceKey.getPublic()), "root", List.of(aliceKey.getPublic()),
                        TestSshServer.NO_SUDO_USER, List.of(aliceKey.getPublic())), false);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void knownHostsFile() {
        knownHosts = dir.resolve("known_hosts");
    }

    @Test
    void runsAScriptOnStdinAndReturnsExitCodeStdoutAndStderr() throws Exception {
        trust(server.port(), hostKey.getPublic());
        try (SshTransport transport = new SshTransport(settings(false));
             RemoteHost host = transport.connect(alice())) {
            ExecResult result = host.run("echo 'grüße'\necho oops >&2\nexit 3\n", RUN);

            assertThat(result).isEqualTo(new ExecResult(3, "grüße\n", "oops\n"));
            assertThat(host.host()).isEqualTo("db-1");
        }
        assertThat(server.commands()).contains("sh -s");
    }

    @Test
    void agreesOnTheMlKemHybridKeyExchangeWhenTheServerOffersIt() throws Exception {
        trust(server.port(), hostKey.getPublic());
        try (SshTransport transport = new SshTransport(settings(false));
             RemoteHost host = transport.connect(alice())) {
            assertThat(host.run("true", RUN).exitCode()).isZero();
        }
        assertThat(server.keyExchanges).last().isEqualTo("mlkem768x25519-sha256");
    }

    @Test
    void aScriptBiggerThanOneMebibyteTravelsWhole() throws Exception {
        trust(server.port(), hostKey.getPublic());
        String line = "x".repeat(99) + "\n";
        int lines = 12_000;
        String script = "cat <<'WGFORM_EOF' | wc -c\n" + line.repeat(lines) + "WGFORM_EOF\n";
        assertThat(script.length()).isGreaterThan(1 << 20);
        try (SshTransport transport = new SshTransport(settings(false));
             RemoteHost host = transport.connect(alice())) {
            ExecResult result = host.run(script, RUN);

            assertThat(result.exitCode()).isZero();
            assertThat(result.stdout().strip()).isEqualTo(String.valueOf(lines * line.length()));
        }
    }

    @Test
    void aStartedCommandCanBeAskedTwiceAndHoldsOnlyWhatCameAfterTheLastAnswer() throws Exception {
        trust(server.port(), hostKey.getPublic());
        String script = "echo facts\n{\necho '@@first?'\nread -r A\necho \"one $A\"\necho '@@first-end'\n"
                + "echo '@@second?'\nread -r B\necho \"two $B\"\n}\n";
        try (SshTransport transport = new SshTransport(settings(false));
             RemoteHost host = transport.connect(alice())) {
            RemoteExchange asking = host.start(script, RUN);
            assertThat(asking.awaitLine("@@first?", RUN)).isEqualTo("facts\n");
            asking.send("a\n");
            assertThat(asking.awaitLine("@@first-end", RUN)).isEqualTo("one a\n");
            assertThat(asking.awaitLine("@@second?", RUN)).isEmpty();
            ExecResult r = asking.finish("b\n", RUN);
            assertThat(r.exitCode()).isZero();
            assertThat(r.stdout()).isEqualTo("two b\n");
            assertThat(host.commandsRun()).isEqualTo(1);
        }
    }

    @Test
    void aStartedCommandIsAnsweredOnceItAsksAndCountsAsOneCommand() throws Exception {
        trust(server.port(), hostKey.getPublic());
        String script = "echo facts\n{\necho '@@ask'\nif IFS= read -r A; then echo \"got $A\"; else echo none; fi\nread -r B || echo eof\n}\n";
        try (SshTransport transport = new SshTransport(settings(false));
             RemoteHost host = transport.connect(alice())) {
            RemoteExchange answered = host.start(script, RUN);
            assertThat(answered.awaitLine("@@ask", RUN)).isEqualTo("facts\n");
            ExecResult r = answered.finish("make\n", RUN);
            assertThat(r.exitCode()).isZero();
            assertThat(r.stdout()).isEqualTo("got make\neof\n"); // what came after the line waited for

            RemoteExchange unanswered = host.start(script, RUN);
            unanswered.awaitLine("@@ask", RUN);
            unanswered.close(); // end of input: the script reads nothing and ends by itself
            assertThatThrownBy(() -> unanswered.finish("make\n", RUN)).isInstanceOf(TransportException.class)
                    .hasMessageContaining("already ended");
            assertThat(host.run("echo after", RUN).stdout()).isEqualTo("after\n");
            assertThat(host.commandsRun()).isEqualTo(3);
        }
    }

    @Test
    void aStartedCommandThatEndsBeforeItAsksSaysSo() throws Exception {
        trust(server.port(), hostKey.getPublic());
        try (SshTransport transport = new SshTransport(settings(false));
             RemoteHost host = transport.connect(alice())) {
            RemoteExchange ended = host.start("echo broken >&2; exit 3\n", RUN);
            assertThatThrownBy(() -> ended.awaitLine("@@ask", RUN)).isInstanceOf(TransportException.class)
                    .hasMessageContaining("ended (exit 3) before it was ready").hasMessageContaining("broken");
            RemoteExchange silent = host.start("sleep 5\n", RUN);
            assertThatThrownBy(() -> silent.awaitLine("@@ask", Duration.ofMillis(300))).isInstanceOf(TransportException.class)
                    .hasMessageContaining("timed out");
        }
    }

    @Test
    void theTransportCountsTheCommandsOfEverySession() throws Exception {
        trust(server.port(), hostKey.getPublic());
        try (SshTransport transport = new SshTransport(settings(false))) {
            try (RemoteHost first = transport.connect(alice())) {
                first.run("true", RUN);
            }
            try (RemoteHost second = transport.connect(alice())) { // a confirmation's new session counts too
                second.run("true", RUN);
            }
            assertThat(transport.commandsRun()).isEqualTo(2);
        }
    }

    @Test
    void oneSessionServesEveryCommandOfAHost() throws Exception {
        trust(server.port(), hostKey.getPublic());
        int sessionsBefore = server.sessions.get();
        try (SshTransport transport = new SshTransport(settings(false));
             RemoteHost host = transport.connect(alice())) {
            assertThat(host.run("echo one", RUN).stdout()).isEqualTo("one\n");
            assertThat(host.run("echo two", RUN).stdout()).isEqualTo("two\n");

            assertThat(transport.sessionsOpened()).isEqualTo(1);
            assertThat(host.commandsRun()).isEqualTo(2);
        }
        assertThat(server.sessions.get() - sessionsBefore).isEqualTo(1);
    }

    @Test
    void becomeRunsTheShellThroughSudoOnlyForANonRootLogin() throws Exception {
        trust(server.port(), hostKey.getPublic());
        try (SshTransport transport = new SshTransport(settings(false))) {
            for (String user : List.of("alice", "root")) {
                for (boolean become : List.of(true, false)) {
                    server.received.clear();
                    SshTarget target = new SshTarget("db-1", "127.0.0.1", server.port(), Optional.of(user),
                            Optional.of(aliceKeyFile), become, Optional.empty());
                    try (RemoteHost host = transport.connect(target)) {
                        host.run("true", RUN);
                    }
                    String expected = become && user.equals("alice") ? "sudo -n sh -s" : "sh -s";
                    assertThat(server.received).as(user + " become=" + become)
                            .containsExactly(new TestSshServer.Received(user, expected));
                }
            }
        }
    }

    @Test
    void sudoAskingForAPasswordIsAClearError() throws Exception {
        trust(server.port(), hostKey.getPublic());
        SshTarget target = new SshTarget("db-1", "127.0.0.1", server.port(), Optional.of(TestSshServer.NO_SUDO_USER),
                Optional.of(aliceKeyFile), true, Optional.empty());
        try (SshTransport transport = new SshTransport(settings(false));
             RemoteHost host = transport.connect(target)) {
            String refused = "db-1 (127.0.0.1:" + server.port() + "): sudo -n refused to run a shell for the login user "
                    + "(ansible_become needs passwordless sudo): sudo: a password is required";
            assertThatThrownBy(() -> host.run("true", RUN)).isInstanceOf(TransportException.class).hasMessage(refused);
            RemoteExchange reading = host.start("echo '@@ask'\nread -r A\n", RUN); // apply's reading command
            assertThatThrownBy(() -> reading.awaitLine("@@ask", RUN)).isInstanceOf(TransportException.class).hasMessage(refused);
        }
    }

    @Test
    void hostsConnectInParallelAndANewKeyIsRecordedOnce() throws Exception {
        int hosts = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(hosts);
        try (SshTransport transport = new SshTransport(settings(true))) {
            List<java.util.concurrent.Future<String>> outputs = new java.util.ArrayList<>();
            for (int i = 1; i <= hosts; i++) {
                SshTarget target = new SshTarget("db-" + i, "127.0.0.1", server.port(), Optional.of("alice"),
                        Optional.of(aliceKeyFile), false, Optional.empty());
                outputs.add(pool.submit(() -> {
                    try (RemoteHost host = transport.connect(target)) {
                        return host.run("echo " + target.host(), RUN).stdout();
                    }
                }));
            }
            for (int i = 1; i <= hosts; i++) assertThat(outputs.get(i - 1).get()).isEqualTo("db-" + i + "\n");
            assertThat(transport.sessionsOpened()).isEqualTo(hosts);
        } finally {
            pool.shutdownNow();
        }
        assertThat(Files.readAllLines(knownHosts)).hasSize(1);
    }

    @Test
    void aCommandPastItsTimeoutIsStoppedAndTheSessionStaysUsable() throws Exception {
        trust(server.port(), hostKey.getPublic());
        try (SshTransport transport = new SshTransport(settings(false));
             RemoteHost host = transport.connect(alice())) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> host.run("sleep 3", Duration.ofMillis(300)))
                    .isInstanceOf(TransportException.class)
                    .hasMessage("db-1 (127.0.0.1:" + server.port() + "): remote command timed out after 300 ms and was stopped");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

            assertThat(host.run("echo still here", RUN).stdout()).isEqualTo("still here\n");
        }
    }

    // --- host keys

    @Test
    void anUnknownHostIsRefusedWithItsFingerprintAndTheLineToAdd() {
        String expectedLine = "[127.0.0.1]:" + server.port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
        try (SshTransport transport = new SshTransport(settings(false))) {
            assertThatThrownBy(() -> transport.connect(alice()))
                    .isInstanceOf(TransportException.class)
                    .hasMessageStartingWith("db-1 (127.0.0.1:" + server.port() + "): unknown host key ssh-ed25519 "
                            + KeyUtils.getFingerPrint(hostKey.getPublic()))
                    .hasMessageContaining("\n  " + expectedLine + "\n")
                    .hasMessageContaining("--accept-new-host-keys");
        }
        assertThat(knownHosts).doesNotExist();
    }

    @Test
    void acceptNewRecordsTheKeyAndTheNextRunChecksAgainstIt() throws Exception {
        try (SshTransport transport = new SshTransport(settings(true));
             RemoteHost host = transport.connect(alice())) {
            assertThat(host.run("echo hi", RUN).stdout()).isEqualTo("hi\n");
        }
        assertThat(Files.readAllLines(knownHosts))
                .containsExactly("[127.0.0.1]:" + server.port() + " " + PublicKeyEntry.toString(hostKey.getPublic()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(knownHosts))).isEqualTo("rw-------");

        try (SshTransport strict = new SshTransport(settings(false));
             RemoteHost host = strict.connect(alice())) {
            assertThat(host.run("echo again", RUN).stdout()).isEqualTo("again\n");
        }
        assertThat(Files.readAllLines(knownHosts)).hasSize(1);
    }

    @Test
    void aChangedKeyIsRefusedLoudlyEvenWithAcceptNew() throws Exception {
        PublicKey old = TestKeys.ed25519().getPublic();
        Files.writeString(knownHosts, "# managed by hand\n"
                + "[127.0.0.1]:" + server.port() + " " + PublicKeyEntry.toString(old) + "\n");
        String before = Files.readString(knownHosts);
        try (SshTransport transport = new SshTransport(settings(true))) {
            assertThatThrownBy(() -> transport.connect(alice()))
                    .isInstanceOf(TransportException.class)
                    .hasMessageStartingWith("db-1 (127.0.0.1:" + server.port() + "): HOST KEY CHANGED for [127.0.0.1]:"
                            + server.port() + ": possible man-in-the-middle attack; expected ssh-ed25519 "
                            + KeyUtils.getFingerPrint(old) + ", got ssh-ed25519 " + KeyUtils.getFingerPrint(hostKey.getPublic())
                            + "; if the change is legitimate remove the old line 2 of " + knownHosts);
        }
        assertThat(Files.readString(knownHosts)).isEqualTo(before);
    }

    @Test
    void aHashedEntryIsAccepted() throws Exception {
        // OpenSSH's HashKnownHosts format: |1|base64(salt)|base64(HMAC-SHA1(salt, "[host]:port"))
        byte[] salt = new byte[20];
        new java.security.SecureRandom().nextBytes(salt);
        Mac hmac = Mac.getInstance("HmacSHA1");
        hmac.init(new SecretKeySpec(salt, "HmacSHA1"));
        byte[] hash = hmac.doFinal(("[127.0.0.1]:" + server.port()).getBytes(StandardCharsets.UTF_8));
        Base64.Encoder b64 = Base64.getEncoder();
        Files.writeString(knownHosts, "|1|" + b64.encodeToString(salt) + "|" + b64.encodeToString(hash) + " "
                + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");

        try (SshTransport transport = new SshTransport(settings(false));
             RemoteHost host = transport.connect(alice())) {
            assertThat(host.run("echo ok", RUN).stdout()).isEqualTo("ok\n");
        }
    }

    @Test
    void anEntryWithoutThePortOnlyCoversPort22() throws Exception {
        Files.writeString(knownHosts, "127.0.0.1 " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
        try (SshTransport transport = new SshTransport(settings(false))) {
            assertThatThrownBy(() -> transport.connect(alice())).hasMessageContaining("unknown host key");
        }
        Files.writeString(knownHosts, "[127.0.0.1]:" + server.port() + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
        try (SshTransport transport = new SshTransport(settings(false));
             RemoteHost host = transport.connect(alice())) {
            assertThat(host.run("echo ok", RUN).exitCode()).isZero();
        }
    }

    @Test
    void theHostKeyTypeAlreadyKnownIsAskedForFirst() throws Exception {
        // the server offers ed25519 (preferred by default) and ecdsa; known_hosts has only the ecdsa key
        KeyPair ed25519 = TestKeys.ed25519();
        KeyPair ecdsa = TestKeys.ecdsa();
        try (TestSshServer twoKeys = TestSshServer.start(List.of(ed25519, ecdsa),
                Map.of("alice", List.of(aliceKey.getPublic())), false)) {
            Files.writeString(knownHosts, "[127.0.0.1]:" + twoKeys.port() + " " + PublicKeyEntry.toString(ecdsa.getPublic()) + "\n");
            SshTarget target = new SshTarget("db-1", "127.0.0.1", twoKeys.port(), Optional.of("alice"),
                    Optional.of(aliceKeyFile), false, Optional.empty());
            try (SshTransport transport = new SshTransport(settings(false));
                 RemoteHost host = transport.connect(target)) {
                assertThat(host.run("echo ok", RUN).exitCode()).isZero();
            }
        }
    }

    // --- authentication

    @Test
    void aKeyTheServerDoesNotAcceptIsAnAuthenticationFailure() throws Exception {
        trust(server.port(), hostKey.getPublic());
        SshTarget target = new SshTarget("db-1", "127.0.0.1", server.port(), Optional.of("alice"),
                Optional.of(strangerKeyFile), false, Optional.empty());
        try (SshTransport transport = new SshTransport(settings(false))) {
            assertThatThrownBy(() -> transport.connect(target))
                    .isInstanceOf(TransportException.class)
                    .hasMessageStartingWith("db-1 (127.0.0.1:" + server.port() + "): authentication failed for alice with "
                            + strangerKeyFile);
        }
    }

    @Test
    void anEncryptedKeyIsUnlockedWithThePassphraseFromItsSource() throws Exception {
        trust(server.port(), hostKey.getPublic());
        Path locked = TestKeys.write(aliceKey, dir.resolve("alice_locked"), "correct horse");
        SshTarget target = new SshTarget("db-1", "127.0.0.1", server.port(), Optional.of("alice"),
                Optional.of(locked), false, Optional.empty());

        try (SshTransport transport = new SshTransport(settings(false, PassphraseSource.fixed("correct horse")));
             RemoteHost host = transport.connect(target)) {
            assertThat(host.run("echo unlocked", RUN).stdout()).isEqualTo("unlocked\n");
        }
        try (SshTransport transport = new SshTransport(settings(false, PassphraseSource.none()))) {
            assertThatThrownBy(() -> transport.connect(target))
                    .hasMessage("db-1 (127.0.0.1:" + server.port() + "): private key " + locked
                            + " is encrypted: set WGFORM_SSH_PASSPHRASE or run wgform from a terminal to be asked for its passphrase");
        }
        try (SshTransport transport = new SshTransport(settings(false, PassphraseSource.fixed("wrong")))) {
            assertThatThrownBy(() -> transport.connect(target))
                    .hasMessage("db-1 (127.0.0.1:" + server.port() + "): cannot decrypt private key " + locked + ": wrong passphrase?");
        }
    }

    @Test
    void aDefaultKeyThatCannotBeUnlockedIsSkippedWhenAnotherOneWorks() throws Exception {
        trust(server.port(), hostKey.getPublic());
        Path locked = TestKeys.write(strangerKey, dir.resolve("id_locked"), "secret");
        SshSettings defaults = new SshSettings(knownHosts, false, Duration.ofSeconds(5), Duration.ofSeconds(5),
                Optional.empty(), List.of(locked, aliceKeyFile), PassphraseSource.none());
        SshTarget noKeyNamed = new SshTarget("db-1", "127.0.0.1", server.port(), Optional.of("alice"), Optional.empty(),
                false, Optional.empty());
        try (SshTransport transport = new SshTransport(defaults);
             RemoteHost host = transport.connect(noKeyNamed)) {
            assertThat(host.run("echo in", RUN).stdout()).isEqualTo("in\n");
        }

        SshSettings onlyStrangers = new SshSettings(knownHosts, false, Duration.ofSeconds(5), Duration.ofSeconds(5),
                Optional.empty(), List.of(locked, strangerKeyFile), PassphraseSource.none());
        try (SshTransport transport = new SshTransport(onlyStrangers)) {
            assertThatThrownBy(() -> transport.connect(noKeyNamed))
                    .hasMessageContaining("authentication failed for alice with " + strangerKeyFile
                            + " (skipped: private key " + locked + " is encrypted");
        }
    }

    @Test
    void aMissingKeyFileIsNamed() {
        Path missing = dir.resolve("nope");
        SshTarget target = new SshTarget("db-1", "127.0.0.1", server.port(), Optional.of("alice"),
                Optional.of(missing), false, Optional.empty());
        try (SshTransport transport = new SshTransport(settings(false))) {
            assertThatThrownBy(() -> transport.connect(target))
                    .hasMessage("db-1 (127.0.0.1:" + server.port() + "): private key " + missing + " does not exist");
        }
    }

    // --- connections

    @Test
    void aPortThatNeverAnswersTimesOutFast() throws Exception {
        // the kernel completes the TCP handshake for the backlog, but no SSH greeting ever comes
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SshSettings quick = new SshSettings(knownHosts, false, Duration.ofSeconds(1), Duration.ofSeconds(1),
                    Optional.empty(), List.of(), PassphraseSource.none());
            SshTarget target = new SshTarget("db-1", "127.0.0.1", silent.getLocalPort(), Optional.of("alice"),
                    Optional.of(aliceKeyFile), false, Optional.empty());
            long start = System.nanoTime();
            try (SshTransport transport = new SshTransport(quick)) {
                assertThatThrownBy(() -> transport.connect(target))
                        .isInstanceOf(TransportException.class)
                        .hasMessage("db-1 (127.0.0.1:" + silent.getLocalPort()
                                + "): timed out after 1 s (connected, but the server sent no SSH greeting)");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void aClosedPortIsConnectionRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        SshTarget target = new SshTarget("db-1", "127.0.0.1", port, Optional.of("alice"),
                Optional.of(aliceKeyFile), false, Optional.empty());
        try (SshTransport transport = new SshTransport(settings(false))) {
            assertThatThrownBy(() -> transport.connect(target))
                    .hasMessage("db-1 (127.0.0.1:" + port + "): connection refused")
                    .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.refused()).isTrue());
        }
    }

    @Test
    void theSshConfigSuppliesHostNamePortUserAndIdentityFile() throws Exception {
        trust(server.port(), hostKey.getPublic());
        Path config = dir.resolve("ssh_config");
        Files.writeString(config, "Host db-alias\n"
                + "  HostName 127.0.0.1\n"
                + "  Port " + server.port() + "\n"
                + "  User alice\n"
                + "  IdentityFile " + aliceKeyFile + "\n");
        SshSettings withConfig = new SshSettings(knownHosts, false, Duration.ofSeconds(5), Duration.ofSeconds(5),
                Optional.of(config), List.of(strangerKeyFile), PassphraseSource.none());
        SshTarget target = new SshTarget("db-1", "db-alias", 22, Optional.empty(), Optional.empty(), false, Optional.empty());
        server.received.clear();
        try (SshTransport transport = new SshTransport(withConfig);
             RemoteHost host = transport.connect(target)) {
            host.run("true", RUN);
        }
        assertThat(server.received).containsExactly(new TestSshServer.Received("alice", "sh -s"));

        // an explicit user wins over the config's
        SshTarget asRoot = new SshTarget("db-1", "db-alias", 22, Optional.of("root"), Optional.empty(), false, Optional.empty());
        server.received.clear();
        try (SshTransport transport = new SshTransport(withConfig);
             RemoteHost host = transport.connect(asRoot)) {
            host.run("true", RUN);
        }
        assertThat(server.received).containsExactly(new TestSshServer.Received("root", "sh -s"));
    }

    @Test
    void aProxyJumpHostIsCheckedAndUsed() throws Exception {
        KeyPair jumpHostKey = TestKeys.ed25519();
        try (TestSshServer jump = TestSshServer.start(List.of(jumpHostKey),
                Map.of("hopper", List.of(aliceKey.getPublic())), true)) {
            SshTarget target = new SshTarget("db-1", "127.0.0.1", server.port(), Optional.of("alice"),
                    Optional.of(aliceKeyFile), false, Optional.of("hopper@127.0.0.1:" + jump.port()));
            SshSettings viaJump = new SshSettings(knownHosts, false, Duration.ofSeconds(5), Duration.ofSeconds(5),
                    Optional.empty(), List.of(aliceKeyFile), PassphraseSource.none());

            trust(server.port(), hostKey.getPublic());
            try (SshTransport transport = new SshTransport(viaJump)) {
                assertThatThrownBy(() -> transport.connect(target))
                        .hasMessageStartingWith("db-1 (127.0.0.1:" + server.port() + "): via jump host 127.0.0.1:"
                                + jump.port() + ": unknown host key ssh-ed25519 " + KeyUtils.getFingerPrint(jumpHostKey.getPublic()));
            }

            Files.writeString(knownHosts, "[127.0.0.1]:" + jump.port() + " " + PublicKeyEntry.toString(jumpHostKey.getPublic()) + "\n",
                    java.nio.file.StandardOpenOption.APPEND);
            int targetSessionsBefore = server.sessions.get();
            try (SshTransport transport = new SshTransport(viaJump);
                 RemoteHost host = transport.connect(target)) {
                assertThat(host.run("echo through", RUN).stdout()).isEqualTo("through\n");
                assertThat(transport.sessionsOpened()).isEqualTo(2);
            }
            assertThat(jump.sessions.get()).isEqualTo(2);
            assertThat(server.sessions.get() - targetSessionsBefore).isEqualTo(1);

            int closedPort;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closedPort = s.getLocalPort();
            }
            SshTarget unreachable = new SshTarget("db-2", "127.0.0.1", closedPort, Optional.of("alice"),
                    Optional.of(aliceKeyFile), false, Optional.of("hopper@127.0.0.1:" + jump.port()));
            try (SshTransport transport = new SshTransport(viaJump)) {
                assertThatThrownBy(() -> transport.connect(unreachable))
                        .hasMessage("db-2 (127.0.0.1:" + closedPort + "): the jump host could not connect to 127.0.0.1:" + closedPort);
            }
        }
    }

    private SshTarget alice() {
        return new SshTarget("db-1", "127.0.0.1", server.port(), Optional.of("alice"), Optional.of(aliceKeyFile),
                false, Optional.empty());
    }

    private SshSettings settings(boolean acceptNew) {
        return settings(acceptNew, PassphraseSource.none());
    }

    private SshSettings settings(boolean acceptNew, PassphraseSource passphrases) {
        return new SshSettings(knownHosts, acceptNew, Duration.ofSeconds(5), Duration.ofSeconds(5), Optional.empty(),
                List.of(), passphrases);
    }

    private void trust(int port, PublicKey key) throws Exception {
        Files.writeString(knownHosts, "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(key) + "\n");
    }
}
