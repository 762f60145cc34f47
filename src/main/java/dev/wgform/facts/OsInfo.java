package dev.wgform.facts;

import java.util.List;

/** /etc/os-release as far as wgform cares: which family of package and firewall tools the host uses. */
public record OsInfo(String id, List<String> idLike, String versionId) {
    public OsInfo {
        idLike = List.copyOf(idLike);
    }

    /** debian, redhat or unknown. */
    public String family() {
        if (id.equals("debian") || id.equals("ubuntu") || idLike.contains("debian")) return "debian";
        if (List.of("rhel", "centos", "fedora", "rocky", "almalinux").contains(id)
                || idLike.contains("rhel") || idLike.contains("fedora") || idLike.contains("centos")) return "redhat";
        return "unknown";
    }
}
