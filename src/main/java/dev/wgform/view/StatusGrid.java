package dev.wgform.view;

import dev.wgform.drift.DriftReport;
import dev.wgform.drift.HostStatus;
import dev.wgform.drift.KeyAge;
import dev.wgform.drift.PeerHealth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One plane's handshakes as a host × peer grid, shared by the status table and the HTML heat map.
 *
 * @param plane   the plane
 * @param hosts   rows: the hosts with peer entries for this plane, in inventory order
 * @param peers   columns: the peers seen, inventory hosts first in inventory order, then unknown keys as they come
 * @param cells   each host's view of each peer, keyed by host then peer
 * @param keyAges the plane's key ages, in report order
 */
record StatusGrid(String plane, List<String> hosts, List<String> peers, Map<String, Map<String, PeerHealth>> cells,
                  List<KeyAge> keyAges) {
    StatusGrid {
        hosts = List.copyOf(hosts);
        peers = List.copyOf(peers);
        cells = Map.copyOf(cells);
        keyAges = List.copyOf(keyAges);
    }

    Optional<PeerHealth> cell(String host, String peer) {
        return Optional.ofNullable(cells.getOrDefault(host, Map.of()).get(peer));
    }

    boolean isEmpty() {
        return hosts.isEmpty() && keyAges.isEmpty();
    }

    /** One grid per plane: the report's planes in playbook order, then any plane only the peers or keys name. */
    static List<StatusGrid> of(DriftReport r) {
        Set<String> planes = new LinkedHashSet<>(r.planes());
        for (PeerHealth p : r.peers()) planes.add(p.plane());
        for (KeyAge k : r.keyAges()) planes.add(k.plane());
        List<String> inventory = new ArrayList<>();
        for (HostStatus h : r.hosts()) inventory.add(h.host());
        List<StatusGrid> grids = new ArrayList<>();
        for (String plane : planes) grids.add(of(r, plane, inventory));
        return grids;
    }

    private static StatusGrid of(DriftReport r, String plane, List<String> inventory) {
        Map<String, Map<String, PeerHealth>> cells = new LinkedHashMap<>();
        Set<String> peersSeen = new LinkedHashSet<>();
        for (PeerHealth p : r.peers()) {
            if (!p.plane().equals(plane)) continue;
            cells.computeIfAbsent(p.host(), h -> new LinkedHashMap<>()).putIfAbsent(p.peer(), p);
            peersSeen.add(p.peer());
        }
        List<KeyAge> keyAges = new ArrayList<>();
        for (KeyAge k : r.keyAges()) if (k.plane().equals(plane)) keyAges.add(k);
        return new StatusGrid(plane, inventoryFirst(cells.keySet(), inventory), inventoryFirst(peersSeen, inventory),
                cells, keyAges);
    }

    private static List<String> inventoryFirst(Set<String> names, List<String> inventory) {
        Set<String> ordered = new LinkedHashSet<>();
        for (String host : inventory) if (names.contains(host)) ordered.add(host);
        ordered.addAll(names);
        return new ArrayList<>(ordered);
    }
}
