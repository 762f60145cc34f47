package dev.wgform.facts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The digest behind {@link HostFacts#fingerprint()}. Every field is fed length-prefixed and every collection
 * sorted, so neither odd characters in paths nor the order the host listed things in can make two different
 * states collide or one state look different.
 */
final class FactsFingerprint {
    private final MessageDigest sha;

    private FactsFingerprint() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static String of(HostFacts facts) {
        FactsFingerprint f = new FactsFingerprint();
        f.field("wgform-facts-fingerprint-v1");
        for (FileFact file : new TreeMap<>(facts.files()).values()) {
            if (!file.exists()) {
                f.field("nofile", file.path());
            } else {
                f.field("file", file.path(), Integer.toOctalString(file.mode()), file.owner(), file.sha256());
            }
        }
        if (facts.manifest().isPresent()) {
            Manifest m = facts.manifest().get();
            f.field("manifest", String.valueOf(m.version()));
            for (Manifest.ManagedFile mf : m.files()) f.field("managed", mf.path(), mf.kind(), mf.sha256());
        } else {
            f.field("nomanifest");
        }
        for (KeyFact k : new TreeMap<>(facts.keys()).values()) f.field("key", k.interfaceName(), k.path(), k.publicKey());
        for (PskFact p : new TreeMap<>(facts.psks()).values()) f.field("psk", p.path(), p.hash());
        for (LiveInterface i : new TreeMap<>(facts.interfaces()).values()) {
            f.field("interface", i.name(), i.publicKey(), i.listenPort().isPresent() ? String.valueOf(i.listenPort().getAsInt()) : "-");
            Map<String, LivePeer> peers = new TreeMap<>();
            for (LivePeer p : i.peers()) peers.put(p.publicKey(), p);
            for (LivePeer p : peers.values()) {
                List<String> allowed = new ArrayList<>(p.allowedIps());
                allowed.sort(null);
                f.field("peer", p.publicKey(), p.hasPsk() ? "psk" : "nopsk", String.join(",", allowed));
            }
        }
        return HexFormat.of().formatHex(f.sha.digest());
    }

    private void field(String... values) {
        for (String v : values) {
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            sha.update((b.length + ":").getBytes(StandardCharsets.UTF_8));
            sha.update(b);
        }
        sha.update((byte) '\n');
    }
}
