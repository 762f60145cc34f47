package dev.wgform.transport;

import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.util.net.SshdSocketAddress;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Strict host key checking against one known_hosts file, on top of MINA's parser and matcher (hashed entries and
 * {@code [host]:port} included). MINA's verifier only answers yes or no; this one also notes in the connection's
 * {@link HostKeyCheck} why a key was refused, in words that say what to do, and records new keys itself when asked
 * to accept them.
 *
 * <p>A host is known by the name it was connected to, as given in {@link #CHECK} through the connection context;
 * through a jump host the TCP peer is a local forwarding port, so the peer address cannot be used.
 */
final class HostKeyVerifier extends KnownHostsServerKeyVerifier {

    /** What a connection's host key is checked as; put in the connection context by the transport. */
    static final AttributeKey<HostKeyCheck> CHECK = new AttributeKey<>();

    private final KnownHostsFile knownHosts;
    private final boolean acceptNew;
    private final AtomicReference<Optional<String>> loadFailure = new AtomicReference<>(Optional.empty());

    HostKeyVerifier(KnownHostsFile knownHosts, boolean acceptNew) {
        // unknown keys go to the delegate, which refuses them; accepting new ones is decided in acceptUnknownHostKey
        super(RejectAllServerKeyVerifier.INSTANCE, knownHosts.path());
        this.knownHosts = knownHosts;
        this.acceptNew = acceptNew;
    }

    static Optional<HostKeyCheck> checkOf(ClientSession session) {
        AttributeRepository context = session.getConnectionContext();
        return Optional.ofNullable(context == null ? null : context.getAttribute(CHECK));
    }

    @Override
    protected Collection<SshdSocketAddress> resolveHostNetworkIdentities(ClientSession session, SocketAddress remoteAddress) {
        return checkOf(session)
                .<Collection<SshdSocketAddress>>map(check -> List.of(new SshdSocketAddress(check.host(), check.port())))
                .orElseGet(() -> super.resolveHostNetworkIdentities(session, remoteAddress));
    }

    @Override
    protected Supplier<Collection<HostEntryPair>> getKnownHostSupplier(ClientSession session, Path file) {
        // MINA logs an unreadable file and carries on with no entries; remember it so that nothing is accepted
        return () -> {
            try {
                List<HostEntryPair> entries = reloadKnownHosts(session, file);
                loadFailure.set(Optional.empty());
                return entries;
            } catch (Exception e) {
                loadFailure.set(Optional.of(Messages.reason(e)));
                return List.of();
            }
        };
    }

    @Override
    protected boolean acceptUnknownHostKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        Optional<String> failure = loadFailure.get();
        if (failure.isPresent()) {
            return refuse(session, "cannot read the known hosts file " + knownHosts.path() + ": " + failure.get());
        }
        HostKeyCheck name = checkOf(session).orElseThrow();
        String line = KnownHostsFile.lineFor(name.host(), name.port(), serverKey);
        if (!acceptNew || serverKey instanceof OpenSshCertificate) {
            return refuse(session, "unknown host key " + describe(serverKey) + " for " + name.pattern()
                    + " (not in " + knownHosts.path() + ").\n"
                    + "Check the fingerprint with the host's administrator or console (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub), "
                    + "then add this line to " + knownHosts.path() + ":\n"
                    + "  " + line + "\n"
                    + "or run again with --accept-new-host-keys to record the keys of hosts seen for the first time.");
        }
        try {
            synchronized (updateLock) {
                knownHosts.append(line);
            }
            resetReloadAttributes();
            return true;
        } catch (IOException | RuntimeException e) {
            return refuse(session, "cannot record the new host key " + describe(serverKey) + " in " + knownHosts.path()
                    + ": " + Messages.reason(e));
        }
    }

    @Override
    public boolean acceptModifiedServerKey(ClientSession session, SocketAddress remoteAddress, KnownHostEntry entry,
            PublicKey expected, PublicKey actual) {
        HostKeyCheck name = checkOf(session).orElseThrow();
        OptionalInt line = knownHosts.lineNumberOf(entry.getConfigLine());
        String where = line.isPresent()
                ? "line " + line.getAsInt() + " of " + knownHosts.path()
                : "entry for " + name.pattern() + " in " + knownHosts.path();
        return refuse(session, "HOST KEY CHANGED for " + name.pattern() + ": possible man-in-the-middle attack; expected "
                + describe(expected) + ", got " + describe(actual) + "; if the change is legitimate remove the old "
                + where + " (ssh-keygen -R '" + name.pattern() + "' -f " + knownHosts.path() + ") and connect again");
    }

    @Override
    protected void handleRevokedKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        refuse(session, "host key " + describe(serverKey) + " is marked @revoked in " + knownHosts.path());
    }

    @Override
    protected boolean acceptIncompleteHostKeys(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey,
            Throwable reason) {
        return refuse(session, "cannot read the known hosts file " + knownHosts.path() + ": " + Messages.reason(reason));
    }

    private static boolean refuse(ClientSession session, String why) {
        return checkOf(session).map(check -> check.refuse(why)).orElse(false);
    }

    private static String describe(PublicKey key) {
        return KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key);
    }
}
