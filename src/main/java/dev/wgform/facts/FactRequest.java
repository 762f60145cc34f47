package dev.wgform.facts;

import java.util.List;
import java.util.Map;

/**
 * What the fact script should look at beyond what it always reports.
 *
 * @param paths    managed files to read (redacted)
 * @param keys     interface -> private key path, whose public key and age to report
 * @param pskPaths PSK files whose hash and age to report
 * @param services service names to check for running (sshd, postgresql, prometheus, node_exporter, nginx)
 */
public record FactRequest(List<String> paths, Map<String, String> keys, List<String> pskPaths, List<String> services) {
    public FactRequest {
        paths = List.copyOf(paths);
        keys = Map.copyOf(keys);
        pskPaths = List.copyOf(pskPaths);
        services = List.copyOf(services);
    }
}
