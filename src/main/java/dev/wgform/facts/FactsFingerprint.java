package dev.wgform.facts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/**
 * The digest behind {@link HostFacts#fingerprint()}. Every field is fed length-prefixed and every collection
 * sorted, so neither odd characters in paths nor the order the host listed things in can make two different
 * states collide or one state look different.
 */
final class FactsFingerprint {
    private final MessageDigest sha;

    private final byte[] digits = new byte[10];
    private final byte[] buffer = new byte[8192];
    private int filled;

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
            // by key, the last line of a key counting (as a map would keep it)
            List<LivePeer> peers = new ArrayList<>(i.peers());
            peers.sort(Comparator.comparing(LivePeer::publicKey));
            for (int n = 0; n < peers.size(); n++) {
                LivePeer p = peers.get(n);
                if (n + 1 < peers.size() && peers.get(n + 1).publicKey().equals(p.publicKey())) continue;
                f.field("peer", p.publicKey(), p.hasPsk() ? "psk" : "nopsk", sortedJoin(p.allowedIps()));
            }
        }
        return f.digest();
    }

    private static String sortedJoin(List<String> values) {
        if (values.size() < 2) return values.isEmpty() ? "" : values.get(0);
        List<String> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return String.join(",", sorted);
    }

    /** Each value as its UTF-8 length in decimal, ':', its bytes; then a newline. */
    private void field(String... values) {
        for (String v : values) {
            if (isAscii(v)) {
                length(v.length());
                for (int i = 0; i < v.length(); i++) put((byte) v.charAt(i));
            } else {
                byte[] b = v.getBytes(StandardCharsets.UTF_8);
                length(b.length);
                for (byte x : b) put(x);
            }
        }
        put((byte) '\n');
    }

    private void length(int len) {
        int at = digits.length;
        do {
            digits[--at] = (byte) ('0' + len % 10);
            len /= 10;
        } while (len > 0);
        for (int i = at; i < digits.length; i++) put(digits[i]);
        put((byte) ':');
    }

    private static boolean isAscii(String v) {
        for (int i = 0; i < v.length(); i++) if (v.charAt(i) >= 0x80) return false;
        return true;
    }

    // The digest is fed in blocks: a call per field (a hundred thousand per big host) costs more than the hashing
    // under the launcher's C1 compiler.
    private void put(byte b) {
        if (filled == buffer.length) flush();
        buffer[filled++] = b;
    }

    private void flush() {
        sha.update(buffer, 0, filled);
        filled = 0;
    }

    private String digest() {
        flush();
        return HexFormat.of().formatHex(sha.digest());
    }
}
