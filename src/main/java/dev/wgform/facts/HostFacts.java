package dev.wgform.facts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one host looks like now, as reported by the fact script in one round trip. Secrets never reach this
 * value: key and PSK file contents stay on the host; only public keys and PSK hashes are reported, and managed
 * files arrive with their secret values already redacted on the host.
 *
 * @param os         from /etc/os-release
 * @param systemd    PID 1 is systemd (else wgform drives wg-quick and services directly)
 * @param tools      name -> absolute path, for the tools that are installed (wg, wg-quick, nft, firewall-cmd, sshd, ...)
 * @param files      path -> state, for every path asked for, every path in the manifest and every /etc/wireguard/*.conf
 * @param manifest   /var/lib/wgform/manifest.json, when present
 * @param interfaces running WireGuard interfaces by name, from {@code wg show all dump} (secrets blanked on the host)
 * @param keys       interface -> its private key file's public key and age, for key files that exist
 * @param psks       PSK path -> hash and age, for PSK files that exist
 * @param services   service name -> running on the host
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
        Map<String, Boolean> services) {

    public HostFacts {
        tools = copy(tools);
        files = copy(files);
        interfaces = copy(interfaces);
        keys = copy(keys);
        psks = copy(psks);
        services = copy(services);
    }

    public boolean has(String tool) {
        return tools.containsKey(tool);
    }

    public FileFact file(String path) {
        return files.getOrDefault(path, FileFact.absent(path));
    }

    private static <K, V> Map<K, V> copy(Map<K, V> m) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
