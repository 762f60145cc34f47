package dev.wgform.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class FingerprintTest {
    private final HostFacts base = parse();
    private final String fingerprint = base.fingerprint();

    private static HostFacts parse() {
        try {
            return FactParser.parse("node-a", Fixtures.read("debian-systemd.txt"));
        } catch (FactsException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void isAStableHexDigest() {
        assertThat(fingerprint).matches("[0-9a-f]{64}");
        assertThat(parse().fingerprint()).isEqualTo(fingerprint);
    }

    @Test
    void isTheDigestEarlierVersionsComputed() {
        // a saved plan carries it: a new way of computing it must give the same digest, or every saved plan goes stale
        assertThat(fingerprint).isEqualTo("85b3fc8f15bd37d9d4ca38c98710f3fa1973b2e27ee9489dfae7b93a371baa05");
    }

    @Test
    void ignoresWhatChangesOnItsOwn() {
        assertThat(withPeers(p -> new LivePeer(p.publicKey(), p.hasPsk(), Optional.of("198.51.100.99:4000"), p.allowedIps(),
                p.latestHandshake() + 120, p.rxBytes() + 1_000_000, p.txBytes() + 5, p.keepalive())).fingerprint())
                .as("handshakes, counters, roaming endpoints").isEqualTo(fingerprint);
        Map<String, KeyFact> keys = new LinkedHashMap<>();
        base.keys().forEach((i, k) -> keys.put(i, new KeyFact(k.interfaceName(), k.path(), k.publicKey(), k.mtimeEpoch() + 999)));
        Map<String, PskFact> psks = new LinkedHashMap<>();
        base.psks().forEach((p, f) -> psks.put(p, new PskFact(f.path(), f.hash(), f.mtimeEpoch() + 999)));
        assertThat(copy(base.files(), base.manifest(), base.interfaces(), keys, psks, base.hostTimeEpoch() + 3600).fingerprint())
                .as("mtimes and the clock").isEqualTo(fingerprint);
        assertThat(new HostFacts(base.os(), false, Map.of(), base.files(), base.manifest(), base.interfaces(), base.keys(),
                base.psks(), Map.of("sshd", false)).fingerprint()).as("tools, init, services").isEqualTo(fingerprint);
    }

    @Test
    void ignoresTheOrderTheHostListedThingsIn() {
        List<Map.Entry<String, FileFact>> files = new ArrayList<>(base.files().entrySet());
        Collections.reverse(files);
        Map<String, FileFact> reversed = new LinkedHashMap<>();
        files.forEach(e -> reversed.put(e.getKey(), e.getValue()));
        Map<String, LiveInterface> interfaces = new LinkedHashMap<>();
        base.interfaces().forEach((n, i) -> {
            List<LivePeer> peers = new ArrayList<>(i.peers());
            Collections.reverse(peers);
            interfaces.put(n, new LiveInterface(n, i.publicKey(), i.listenPort(), peers));
        });
        assertThat(copy(reversed, base.manifest(), interfaces, base.keys(), base.psks(), 0).fingerprint()).isEqualTo(fingerprint);
    }

    @Test
    void changesWithFilesManifestKeysAndPsks() {
        FileFact conf = base.file("/etc/wireguard/wg-mgmt.conf");
        assertThat(withFile(new FileFact(conf.path(), true, conf.content() + "\n", conf.mode(), conf.owner(),
                FactParser.sha256((conf.content() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8))))).isNotEqualTo(fingerprint);
        assertThat(withFile(new FileFact(conf.path(), true, conf.content(), 0644, conf.owner(), conf.sha256()))).isNotEqualTo(fingerprint);
        assertThat(withFile(new FileFact(conf.path(), true, conf.content(), conf.mode(), "root:adm", conf.sha256()))).isNotEqualTo(fingerprint);
        assertThat(withFile(FileFact.absent(conf.path()))).isNotEqualTo(fingerprint);

        assertThat(copy(base.files(), Optional.empty(), base.interfaces(), base.keys(), base.psks(), 0).fingerprint()).isNotEqualTo(fingerprint);
        Manifest m = base.manifest().orElseThrow();
        Manifest shorter = new Manifest(1, m.files().subList(0, 2));
        assertThat(copy(base.files(), Optional.of(shorter), base.interfaces(), base.keys(), base.psks(), 0).fingerprint()).isNotEqualTo(fingerprint);

        KeyFact k = base.keys().get("wg-mgmt");
        Map<String, KeyFact> newKey = Map.of("wg-mgmt", new KeyFact("wg-mgmt", k.path(), "G9CbdkDjOHABtW7qElVyBP3gYoYiWIZYl0BNlyHtNm4=", k.mtimeEpoch()));
        assertThat(copy(base.files(), base.manifest(), base.interfaces(), newKey, base.psks(), 0).fingerprint()).isNotEqualTo(fingerprint);
        assertThat(copy(base.files(), base.manifest(), base.interfaces(), Map.of(), base.psks(), 0).fingerprint()).isNotEqualTo(fingerprint);

        PskFact p = base.psks().values().iterator().next();
        Map<String, PskFact> newPsk = Map.of(p.path(), new PskFact(p.path(), "cd".repeat(32), p.mtimeEpoch()));
        assertThat(copy(base.files(), base.manifest(), base.interfaces(), base.keys(), newPsk, 0).fingerprint()).isNotEqualTo(fingerprint);
    }

    @Test
    void changesWithTheRunningConfiguration() {
        assertThat(withPeers(p -> new LivePeer(p.publicKey(), p.hasPsk(), p.endpoint(), List.of("10.200.0.99/32"),
                p.latestHandshake(), p.rxBytes(), p.txBytes(), p.keepalive())).fingerprint()).as("allowed IPs").isNotEqualTo(fingerprint);
        assertThat(withPeers(p -> new LivePeer(p.publicKey(), !p.hasPsk(), p.endpoint(), p.allowedIps(),
                p.latestHandshake(), p.rxBytes(), p.txBytes(), p.keepalive())).fingerprint()).as("PSK set").isNotEqualTo(fingerprint);
        assertThat(withPeers(p -> new LivePeer("G9CbdkDjOHABtW7qElVyBP3gYoYiWIZYl0BNlyHtNm4=", p.hasPsk(), p.endpoint(), p.allowedIps(),
                p.latestHandshake(), p.rxBytes(), p.txBytes(), p.keepalive())).fingerprint()).as("peer key").isNotEqualTo(fingerprint);

        Map<String, LiveInterface> down = new LinkedHashMap<>(base.interfaces());
        down.remove("wg-old");
        assertThat(copy(base.files(), base.manifest(), down, base.keys(), base.psks(), 0).fingerprint()).as("interface down").isNotEqualTo(fingerprint);
        Map<String, LiveInterface> port = new LinkedHashMap<>(base.interfaces());
        LiveInterface mgmt = port.get("wg-mgmt");
        port.put("wg-mgmt", new LiveInterface("wg-mgmt", mgmt.publicKey(), OptionalInt.of(51899), mgmt.peers()));
        assertThat(copy(base.files(), base.manifest(), port, base.keys(), base.psks(), 0).fingerprint()).as("listen port").isNotEqualTo(fingerprint);
    }

    @Test
    void aRealReadOfTheSameHostLaterHasTheSameFingerprint() throws FactsException {
        // the same host a minute later: the wg dump's handshake and counters moved, the clock moved
        String later = Fixtures.read("debian-systemd.txt").replace("@@time 1700000100", "@@time 1700000160");
        String dump = "wg-mgmt\t(hidden)\tm2hAkS/zPSL2SSWL84mioGnRgiKQpxRKxmM9qQMBiFU=\t51820\toff\n"
                + "wg-mgmt\txTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=\t(hidden)\t203.0.113.21:40000\t10.200.0.2/32\t1700000150\t9999\t11111\toff\n"
                + "wg-mgmt\tHIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=\t(hidden)\t(none)\t10.200.0.3/32,192.168.1.0/24\t1700000140\t10\t20\t25\n"
                + "wg-old\t(hidden)\tgN65BkIKy1eCE9pP1wdc8ROUtkHLF2PfAqYdyYBz6EA=\t0\toff\nwgform-exit 0\n";
        int start = later.indexOf("@@wg\n") + 5;
        later = later.substring(0, start) + Fixtures.content(dump) + later.substring(later.indexOf("@@key"));
        HostFacts f = FactParser.parse("node-a", later);
        assertThat(f.interfaces().get("wg-mgmt").peers().get(0).rxBytes()).isEqualTo(9999);
        assertThat(f.fingerprint()).isEqualTo(fingerprint);
    }

    @Test
    void hashesNonAsciiAndLongValuesAsEarlierVersionsDid() {
        // fed in blocks since 2026-11-27: a path in UTF-8 and an owner longer than the block must give the digest the
        // field-by-field version gave (pinned from it)
        String owner = "root:" + "w".repeat(9000);
        FileFact odd = new FileFact("/etc/wireguard/caf\u00e9-\u2603.conf", true, "x\n", 0600, owner, "ab".repeat(32));
        assertThat(withFile(odd)).isEqualTo("3a7406e2b1da9c632d69adb86001351f1573a96429ddbb00f0cec021f0bdb469");
    }

    private String withFile(FileFact changed) {
        Map<String, FileFact> files = new LinkedHashMap<>(base.files());
        files.put(changed.path(), changed);
        return copy(files, base.manifest(), base.interfaces(), base.keys(), base.psks(), 0).fingerprint();
    }

    private HostFacts withPeers(UnaryOperator<LivePeer> change) {
        Map<String, LiveInterface> interfaces = new LinkedHashMap<>();
        base.interfaces().forEach((n, i) -> interfaces.put(n, new LiveInterface(n, i.publicKey(), i.listenPort(),
                i.peers().stream().map(change).toList())));
        return copy(base.files(), base.manifest(), interfaces, base.keys(), base.psks(), base.hostTimeEpoch());
    }

    private HostFacts copy(Map<String, FileFact> files, Optional<Manifest> manifest, Map<String, LiveInterface> interfaces,
                           Map<String, KeyFact> keys, Map<String, PskFact> psks, long time) {
        return new HostFacts(base.os(), base.systemd(), base.tools(), files, manifest, interfaces, keys, psks, base.services(), time);
    }
}
