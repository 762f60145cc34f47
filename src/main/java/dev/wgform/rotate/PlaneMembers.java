package dev.wgform.rotate;

import dev.wgform.desired.HostState;
import dev.wgform.desired.Peer;
import dev.wgform.desired.WgInterface;
import dev.wgform.model.AddressText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A plane's members as rotation sees them: each one's interface and the peer entries it holds, from the desired state. */
public final class PlaneMembers {
    private final String plane;
    private final Map<String, WgInterface> byHost;

    private PlaneMembers(String plane, Map<String, WgInterface> byHost) {
        this.plane = plane;
        this.byHost = byHost;
    }

    public static PlaneMembers of(String plane, List<HostState> desired) {
        Map<String, WgInterface> byHost = new LinkedHashMap<>();
        for (HostState s : desired) {
            for (WgInterface i : s.interfaces()) if (i.plane().equals(plane)) byHost.put(s.host().name(), i);
        }
        return new PlaneMembers(plane, byHost);
    }

    public String plane() {
        return plane;
    }

    /** Member names, inventory order. */
    public List<String> hosts() {
        return List.copyOf(byHost.keySet());
    }

    public boolean contains(String host) {
        return byHost.containsKey(host);
    }

    public WgInterface iface(String host) {
        WgInterface i = byHost.get(host);
        if (i == null) throw new IllegalArgumentException(host + " is not a member of plane " + plane);
        return i;
    }

    public String address(String host) {
        return AddressText.of(iface(host).address());
    }

    /** The peer entry {@code onHost} holds for {@code forHost}, if they are peers. */
    public Optional<Peer> entry(String onHost, String forHost) {
        return iface(onHost).peers().stream().filter(p -> p.host().equals(forHost)).findFirst();
    }

    /** The hosts {@code host} has as peers and that have it as a peer too (WireGuard pairs are symmetric). */
    public List<String> peersOf(String host) {
        List<String> out = new ArrayList<>();
        for (Peer p : iface(host).peers()) if (byHost.containsKey(p.host()) && entry(p.host(), host).isPresent()) out.add(p.host());
        return out;
    }
}
