package dev.wgform.transport;

import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.signature.Signature;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which host key the server is asked for. A server has several (ed25519, ecdsa, rsa) and known_hosts often holds only
 * one; asking for another would look like a changed key. So, like OpenSSH, ask first for the types already recorded
 * for that host, and for a host not yet known prefer ed25519, as OpenSSH does and so records.
 */
final class HostKeyPreference implements SessionListener {
    private final KnownHostsFile knownHosts;

    HostKeyPreference(KnownHostsFile knownHosts) {
        this.knownHosts = knownHosts;
    }

    /** Runs before the session sends its key exchange proposal. */
    @Override
    public void sessionCreated(Session session) {
        if (!(session instanceof ClientSession)) return;
        ClientSession client = (ClientSession) session;
        HostKeyVerifier.checkOf(client).ifPresent(name -> {
            Set<String> recorded = knownHosts.keyTypesFor(name.host(), name.port());
            if (!recorded.isEmpty()) client.setSignatureFactories(preferring(client.getSignatureFactories(), recorded));
        });
    }

    /** The default order with ed25519 first. */
    static List<NamedFactory<Signature>> openSshOrder(List<NamedFactory<Signature>> factories) {
        return preferring(factories, Set.of(KeyPairProvider.SSH_ED25519));
    }

    /** The same algorithms, those for the given key types first, each group in its original order. */
    static List<NamedFactory<Signature>> preferring(List<NamedFactory<Signature>> factories, Set<String> keyTypes) {
        List<NamedFactory<Signature>> first = new ArrayList<>();
        List<NamedFactory<Signature>> rest = new ArrayList<>();
        for (NamedFactory<Signature> factory : factories) {
            (keyTypes.contains(KeyUtils.getCanonicalKeyType(factory.getName())) ? first : rest).add(factory);
        }
        first.addAll(rest);
        return first;
    }
}
