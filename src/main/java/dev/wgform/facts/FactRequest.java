package dev.wgform.facts;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the fact script should look at beyond what it always reports.
 *
 * @param paths    managed files to read (redacted)
 * @param keys     interface -> private key path, whose public key and age to report
 * @param pskPaths PSK files whose hash and age to report
 * @param services service names to check for running (sshd, postgresql, prometheus, node_exporter, nginx)
 * @param nftTable  an nftables table ("inet wgform") whose live listing to report, so a table flushed or edited
 *                  by hand shows even though its file did not change
 * @param listening whether to report the host's listening sockets ({@code ss -ltnu}), to check bound services
 */
public record FactRequest(List<String> paths, Map<String, String> keys, List<String> pskPaths, List<String> services,
                          Optional<String> nftTable, boolean listening) {
    public FactRequest {
        paths = List.copyOf(paths);
        keys = Map.copyOf(keys);
        pskPaths = List.copyOf(pskPaths);
        services = List.copyOf(services);
        java.util.Objects.requireNonNull(nftTable, "nftTable");
    }

    /** Files, keys, PSKs and services only: no live firewall table, no sockets. */
    public FactRequest(List<String> paths, Map<String, String> keys, List<String> pskPaths, List<String> services) {
        this(paths, keys, pskPaths, services, Optional.empty(), false);
    }
}
