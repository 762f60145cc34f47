package dev.wgform.transport;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.common.kex.KeyExchangeFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Which key exchange is offered first. MINA puts sntrup761x25519 before mlkem768x25519; OpenSSH 10 (the default
 * since 9.9) puts ML-KEM first. Both are post-quantum hybrids, so the order costs no protection, but Bouncy Castle's
 * pure-Java sntrup761 was half of wgform's CPU in a 500-host plan (bench/sim-fleet: sessions alone took 11.5 s with
 * it, 6.8 s with ML-KEM). Hosts whose sshd predates ML-KEM (OpenSSH 9.0–9.8, e.g. Debian 12) still agree on sntrup761.
 */
final class KexPreference {
    static final List<String> FIRST = List.of("mlkem768x25519-sha256");

    private KexPreference() {
    }

    /** The same key exchanges, those in {@link #FIRST} moved to the front, the rest in their original order. */
    static List<KeyExchangeFactory> openSshOrder(List<KeyExchangeFactory> factories) {
        List<KeyExchangeFactory> first = new ArrayList<>();
        List<KeyExchangeFactory> rest = new ArrayList<>();
        for (String name : FIRST) {
            factories.stream().filter(f -> f.getName().equals(name)).forEach(first::add);
        }
        for (KeyExchangeFactory factory : factories) {
            if (!first.contains(factory)) rest.add(factory);
        }
        first.addAll(rest);
        return first;
    }

    static void apply(SshClient client) {
        client.setKeyExchangeFactories(openSshOrder(client.getKeyExchangeFactories()));
    }
}
