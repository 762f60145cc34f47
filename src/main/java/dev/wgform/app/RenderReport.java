package dev.wgform.app;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code render} wrote.
 *
 * @param outDir    the output directory
 * @param hosts     each rendered host's files, in inventory order
 * @param idleHosts inventory hosts in no plane, for which nothing was rendered
 * @param lockSaved whether the lock file was written (new or changed address allocations)
 * @param lockPath  the lock file beside the inventory
 */
public record RenderReport(Path outDir, List<HostOutput> hosts, List<String> idleHosts, boolean lockSaved, Path lockPath) {
    /** One host's files as written under {@code outDir/<host>/}. */
    public record HostOutput(String host, Path dir, List<Path> files) {
        public HostOutput {
            files = List.copyOf(files);
        }
    }

    public RenderReport {
        hosts = List.copyOf(hosts);
        idleHosts = List.copyOf(idleHosts);
    }

    public int fileCount() {
        return hosts.stream().mapToInt(h -> h.files().size()).sum();
    }
}
