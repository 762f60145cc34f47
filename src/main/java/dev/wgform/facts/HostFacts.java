package dev.wgform.facts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one host looks like now, as reported by the fact script in one round trip. Secrets never reach this
 * value: key and PSK file contents stay on the host; only public keys and PSK hashes are reported, and managed
 * files arrive with their secret values already redacted on the host.
 *
 * @param os            from /etc/os-release
 * @param systemd       PID 1 is systemd (else wgform drives wg-quick and services directly)
 * @param tools         name -> absolute path, for the tools that are installed (wg, wg-quick, nft, firewall-cmd, sshd, ...)
 * @param files         path -> state, for every path asked for, every path in the manifest and every /etc/wireguard/*.conf
 * @param manifest      /var/lib/wgform/manifest.json, when present
 * @param interfaces    running WireGuard interfaces by name, from {@code wg show all dump} (secrets blanked on the host)
 * @param keys          interface -> its private key file's public key and age, for key files that exist
 * @param psks          PSK path -> hash and age, for PSK files that exist
 * @param services      service name -> running on the host
 * @param hostTimeEpoch the host's clock when the facts were read (seconds since the epoch; 0 when unknown), so
 *                      handshake ages do not depend on the workstation's clock
 * @param nftables      wgform's live nftables table, when it was asked for and nft is installed
 * @param listening     the host's listening TCP and UDP sockets, when they were asked for and ss is installed
 * @param confirms      runs of a confirmed apply the host undid by itself, or whose confirmation it still awaits
 */
public record HostFacts(
        OsInfo os,
        boolean systemd,
        Map<String, String> tools,
        Map<String, FileFact> files,
        Optional<Manifest> manifest,
        Map<String, LiveInterface> interfaces,
        Map<String, KeyFact> keys,
        Map<String, PskFact> psks,
        Map<String, Boolean> services,
        long hostTimeEpoch,
        Optional<NftTable> nftables,
        Optional<List<ListeningSocket>> listening,
        List<ConfirmMarker> confirms) {

    public HostFacts {
        confirms = List.copyOf(confirms);
        java.util.Objects.requireNonNull(nftables, "nftables");
        listening = listening.map(List::copyOf);
        tools = copy(tools);
        files = copy(files);
        interfaces = copy(interfaces);
        keys = copy(keys);
        psks = copy(psks);
        services = copy(services);
    }

    /** Facts without confirm markers. */
    public HostFacts(OsInfo os, boolean systemd, Map<String, String> tools, Map<String, FileFact> files,
                     Optional<Manifest> manifest, Map<String, LiveInterface> interfaces, Map<String, KeyFact> keys,
                     Map<String, PskFact> psks, Map<String, Boolean> services, long hostTimeEpoch, Optional<NftTable> nftables,
                     Optional<List<ListeningSocket>> listening) {
        this(os, systemd, tools, files, manifest, interfaces, keys, psks, services, hostTimeEpoch, nftables, listening, List.of());
    }

    /** Facts without the live firewall table and sockets. */
    public HostFacts(OsInfo os, boolean systemd, Map<String, String> tools, Map<String, FileFact> files,
                     Optional<Manifest> manifest, Map<String, LiveInterface> interfaces, Map<String, KeyFact> keys,
                     Map<String, PskFact> psks, Map<String, Boolean> services, long hostTimeEpoch) {
        this(os, systemd, tools, files, manifest, interfaces, keys, psks, services, hostTimeEpoch, Optional.empty(), Optional.empty());
    }

    /** Facts without the host's clock (tests, fixtures). */
    public HostFacts(OsInfo os, boolean systemd, Map<String, String> tools, Map<String, FileFact> files,
                     Optional<Manifest> manifest, Map<String, LiveInterface> interfaces, Map<String, KeyFact> keys,
                     Map<String, PskFact> psks, Map<String, Boolean> services) {
        this(os, systemd, tools, files, manifest, interfaces, keys, psks, services, 0L);
    }

    /** These facts with {@code files} in place of theirs. */
    public HostFacts withFiles(Map<String, FileFact> files) {
        return new HostFacts(os, systemd, tools, files, manifest, interfaces, keys, psks, services, hostTimeEpoch, nftables, listening, confirms);
    }

    /** The files the host sent as their digest only, their text held back: path -> fact. */
    public Map<String, FileFact> digestOnly() {
        Map<String, FileFact> out = new LinkedHashMap<>();
        files.forEach((path, f) -> {
            if (f.isDigestOnly()) out.put(path, f);
        });
        return out;
    }

    public boolean has(String tool) {
        return tools.containsKey(tool);
    }

    public FileFact file(String path) {
        return files.getOrDefault(path, FileFact.absent(path));
    }

    /** Seconds since the peer's latest handshake by the host's clock; empty if it never had one or the clock is unknown. */
    public OptionalLong secondsSinceHandshake(LivePeer peer) {
        if (peer.latestHandshake() == 0 || hostTimeEpoch == 0) return OptionalLong.empty();
        return OptionalLong.of(Math.max(0, hostTimeEpoch - peer.latestHandshake()));
    }

    /**
     * Hex SHA-256 over the parts of these facts that only change when someone changes the host: files (redacted
     * content, mode, owner), the manifest, key files' public keys, PSK hashes, and which interfaces run with which
     * public key, listen port and peers (public key, allowed IPs, PSK or not). Not handshakes, transfer counters,
     * roaming endpoints, mtimes or the clock. A plan file stores it; apply refuses the plan when it no longer matches.
     */
    public String fingerprint() {
        return FactsFingerprint.of(this);
    }

    private static <K, V> Map<K, V> copy(Map<K, V> m) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
