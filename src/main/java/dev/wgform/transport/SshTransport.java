package dev.wgform.transport;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.password.PasswordIdentityProvider;
import org.apache.sshd.client.auth.pubkey.PublicKeyAuthenticationReporter;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.forward.ExplicitPortForwardingTracker;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.core.CoreModuleProperties;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Logs into hosts over SSH with Apache MINA SSHD: one client for the whole run, safe to use from several threads so
 * that hosts connect in parallel; one session per host.
 *
 * <p>Strict by default: host keys are checked against the known_hosts file of the settings and unknown or changed
 * ones refused; logins use public keys only. MINA's own defaults (accept any host key, read {@code ~/.ssh} by itself,
 * password login) are all replaced here. Nothing is logged: scripts may carry secrets.
 */
public final class SshTransport implements AutoCloseable {
    private static final Duration CONNECT_GRACE = Duration.ofSeconds(1);
    private static final Duration HEARTBEAT = Duration.ofSeconds(5);

    private final SshSettings settings;
    private final RouteResolver routes;
    private final IdentityKeys identities;
    private final SshClient client;
    private final AtomicInteger sessionsOpened = new AtomicInteger();
    private final AtomicInteger commandsRun = new AtomicInteger();

    public SshTransport(SshSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        KnownHostsFile knownHosts = new KnownHostsFile(settings.knownHosts());
        this.routes = new RouteResolver(settings.sshConfig(), settings.defaultIdentities());
        this.identities = new IdentityKeys(settings.passphrases());
        this.client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(new HostKeyVerifier(knownHosts, settings.acceptNewHostKeys()));
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);   // the ssh config is applied by RouteResolver
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER); // keys are given per session
        client.setFilePasswordProvider(FilePasswordProvider.EMPTY);
        client.setPasswordIdentityProvider(PasswordIdentityProvider.EMPTY_PASSWORDS_PROVIDER);
        client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        client.setAgentFactory(null);
        client.setSignatureFactories(HostKeyPreference.openSshOrder(client.getSignatureFactories()));
        client.addSessionListener(new HostKeyPreference(knownHosts));
        KexPreference.apply(client);
        CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, settings.connectTimeout());
        CoreModuleProperties.IDLE_TIMEOUT.set(client, Duration.ZERO); // every command has its own timeout
        // a host cut off mid-command (network partition, host gone) is given up after about 20 s of silence, not
        // after the command's whole timeout: OpenSSH answers every keepalive request, even one it does not know
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, HEARTBEAT);
        CoreModuleProperties.HEARTBEAT_REQUEST.set(client, "keepalive@openssh.com");
        CoreModuleProperties.HEARTBEAT_REPLY_WAIT.set(client, HEARTBEAT);
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, 3);
        client.start();
    }

    /**
     * Logs into the target (through its jump hosts, if any).
     *
     * @throws TransportException naming the host and what went wrong: name resolution, refused or timed-out
     *                            connection, unknown or changed host key, failed login, unusable private key
     */
    public RemoteHost connect(SshTarget target) throws TransportException {
        Objects.requireNonNull(target, "target");
        String where = target.host() + " (" + target.address() + ":" + target.port() + ")";
        Route route;
        try {
            route = routes.resolve(target);
        } catch (ConnectFailure e) {
            throw new TransportException(where + ": " + e.getMessage(), e);
        }
        where = target.host() + " (" + route.target().address() + ")";
        List<ClientSession> chain = new ArrayList<>();
        try {
            Optional<ClientSession> via = Optional.empty();
            for (Hop jump : route.jumps()) {
                try {
                    via = Optional.of(login(jump, via));
                } catch (ConnectFailure e) {
                    throw new ConnectFailure("via jump host " + jump.address() + ": " + e.getMessage(), e);
                }
                chain.add(via.get());
            }
            chain.add(login(route.target(), via));
            return new SshRemoteHost(target.host(), where, chain,
                    RemoteCommand.forLogin(route.target().user(), target.become()), commandsRun);
        } catch (ConnectFailure e) {
            Collections.reverse(chain);
            chain.forEach(s -> s.close(true));
            throw new TransportException(where + ": " + e.getMessage(), e);
        }
    }

    /** Remote commands started so far, on every session (a confirmation's new session included). */
    public int commandsRun() {
        return commandsRun.get();
    }

    /** Authenticated SSH sessions opened so far, jump hosts included. */
    public int sessionsOpened() {
        return sessionsOpened.get();
    }

    /** Closes every session still open. */
    @Override
    public void close() {
        client.stop();
    }

    private ClientSession login(Hop hop, Optional<ClientSession> via) throws ConnectFailure {
        IdentityKeys.Offer offer = identities.offerFor(hop);
        InetSocketAddress address = via.isPresent() ? forwardThrough(via.get(), hop) : resolve(hop);
        HostKeyCheck check = new HostKeyCheck(hop.hostName(), hop.port());
        AttributeRepository context = AttributeRepository.ofKeyValuePair(HostKeyVerifier.CHECK, check);
        ClientSession session = tcpConnect(hop, address, context);
        try {
            authenticate(session, hop, offer, check, via.isPresent());
            sessionsOpened.incrementAndGet();
            return session;
        } catch (ConnectFailure e) {
            session.close(true);
            throw e;
        }
    }

    private static InetSocketAddress resolve(Hop hop) throws ConnectFailure {
        try {
            return new InetSocketAddress(InetAddress.getByName(hop.hostName()), hop.port());
        } catch (UnknownHostException e) {
            throw new ConnectFailure("cannot resolve host name '" + hop.hostName() + "'", e);
        }
    }

    /** A local port that the jump host connects on to the hop, as OpenSSH's ProxyJump and MINA's own do. */
    private static InetSocketAddress forwardThrough(ClientSession jump, Hop hop) throws ConnectFailure {
        try {
            ExplicitPortForwardingTracker tracker = jump.createLocalPortForwardingTracker(
                    SshdSocketAddress.LOCALHOST_ADDRESS, new SshdSocketAddress(hop.hostName(), hop.port()));
            return tracker.getBoundAddress().toInetSocketAddress();
        } catch (IOException e) {
            throw new ConnectFailure("cannot forward a port through the jump host: " + Messages.reason(e), e);
        }
    }

    private ClientSession tcpConnect(Hop hop, InetSocketAddress address, AttributeRepository context)
            throws ConnectFailure {
        ConnectFuture connecting;
        try {
            connecting = client.connect(hop.user(), address, context, null);
        } catch (IOException | RuntimeException e) {
            throw new ConnectFailure(connectProblem(e), e);
        }
        Duration limit = settings.connectTimeout().plus(CONNECT_GRACE);
        try {
            if (!connecting.await(limit.toMillis())) {
                connecting.cancel();
                throw new ConnectFailure("timed out after " + Messages.duration(settings.connectTimeout()) + " connecting");
            }
        } catch (IOException e) {
            throw new ConnectFailure(connectProblem(e), e);
        }
        Throwable failure = connecting.getException();
        if (failure != null) throw new ConnectFailure(connectProblem(failure), failure);
        if (!connecting.isConnected()) throw new ConnectFailure("connection attempt cancelled");
        return connecting.getClientSession();
    }

    private void authenticate(ClientSession session, Hop hop, IdentityKeys.Offer offer, HostKeyCheck check,
            boolean viaJump)
            throws ConnectFailure {
        session.setKeyIdentityProvider(KeyIdentityProvider.wrapKeyPairs(offer.keys()));
        session.setPasswordIdentityProvider(PasswordIdentityProvider.EMPTY_PASSWORDS_PROVIDER);
        AtomicBoolean keysExhausted = new AtomicBoolean();
        session.setPublicKeyAuthenticationReporter(new PublicKeyAuthenticationReporter() {
            @Override
            public void signalAuthenticationExhausted(ClientSession s, String service) {
                keysExhausted.set(true);
            }
        });
        AuthFuture auth;
        boolean finished;
        try {
            auth = session.auth();
            finished = auth.await(settings.authTimeout().toMillis());
        } catch (IOException e) {
            throw new ConnectFailure(check.refusal().orElse("connection lost: " + Messages.reason(e)), e);
        }
        if (finished && auth.isSuccess()) return;
        if (check.refusal().isPresent()) throw new ConnectFailure(check.refusal().get());
        if (!finished) {
            String phase = session.getServerVersion() == null
                    ? (viaJump ? "waiting for the SSH greeting through the jump host" : "connected, but the server sent no SSH greeting")
                    : session.isAuthenticated() ? "finishing the login" : "during the SSH handshake and login";
            throw new ConnectFailure("timed out after " + Messages.duration(settings.authTimeout()) + " (" + phase + ")");
        }
        Throwable failure = auth.getException();
        String reason = failure == null ? "login refused" : Messages.reason(failure);
        if (keysExhausted.get() || reason.contains("No more authentication methods")) {
            StringBuilder message = new StringBuilder("authentication failed for ").append(hop.user()).append(" with ")
                    .append(String.join(", ", offer.files().stream().map(Object::toString).toList()));
            if (!offer.skipped().isEmpty()) message.append(" (skipped: ").append(String.join("; ", offer.skipped())).append(')');
            message.append("; only public key login is tried");
            throw new ConnectFailure(message.toString(), failure);
        }
        if (session.getServerVersion() == null && viaJump) {
            throw new ConnectFailure("the jump host could not connect to " + hop.address(), failure);
        }
        throw new ConnectFailure("connection closed during the SSH handshake: " + reason, failure);
    }

    private String connectProblem(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (t instanceof ConnectException && message.contains("refused")) return "connection refused";
            if (t instanceof ConnectException && message.contains("time")) {
                return "timed out after " + Messages.duration(settings.connectTimeout()) + " connecting";
            }
            if (t instanceof NoRouteToHostException) return "no route to host";
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) return "cannot resolve host name";
        }
        return "cannot connect: " + Messages.reason(failure);
    }
}
