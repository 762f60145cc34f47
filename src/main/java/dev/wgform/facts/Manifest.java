package dev.wgform.facts;

import java.util.List;

/** /var/lib/wgform/manifest.json: the files wgform installed on this host, so removed intent can be cleaned up. */
public record Manifest(int version, List<ManagedFile> files) {
    public Manifest {
        files = List.copyOf(files);
    }

    /** One installed file: its path, kind ("wg", "firewall", "service:sshd", ...) and the sha256 of what was installed. */
    public record ManagedFile(String path, String kind, String sha256) {}
}
