package dev.wgform.facts;

import dev.wgform.desired.HostState;
import dev.wgform.desired.Peer;
import dev.wgform.desired.ServiceState;
import dev.wgform.desired.WgInterface;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What to ask a host for, given what wgform wants there. */
public final class FactRequests {
    /** The one nftables table wgform owns, and the file that defines it. */
    public static final String NFTABLES_TABLE = "inet wgform";
    public static final String NFTABLES_FILE = "/etc/nftables.d/wgform.nft";

    private FactRequests() {}

    /**
     * Paths: the rendered files'; keys: each interface's private key file; PSKs: every peer's PSK file; services:
     * the bound services' names, and the sockets they should listen on; the live nftables table when wgform
     * renders one. Duplicates are dropped, order is kept.
     */
    public static FactRequest forPaths(HostState desired, List<String> renderedPaths) {
        Set<String> paths = new LinkedHashSet<>(renderedPaths);
        Map<String, String> keys = new LinkedHashMap<>();
        Set<String> psks = new LinkedHashSet<>();
        for (WgInterface i : desired.interfaces()) {
            keys.put(i.name(), i.privateKeyPath());
            for (Peer p : i.peers()) p.pskPath().ifPresent(psks::add);
        }
        Set<String> services = new LinkedHashSet<>();
        for (ServiceState s : desired.services()) services.add(s.name());
        Optional<String> table = paths.contains(NFTABLES_FILE) ? Optional.of(NFTABLES_TABLE) : Optional.empty();
        return new FactRequest(new ArrayList<>(paths), keys, new ArrayList<>(psks), new ArrayList<>(services), table,
                !services.isEmpty());
    }
}
