package dev.wgform.desired;

import dev.wgform.model.Cidr;
import dev.wgform.model.Fleet;
import dev.wgform.model.Host;
import dev.wgform.model.Plane;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Expands a fleet's planes, services and firewall policy into what each host should have. Pure: no I/O. */
public final class DesiredState {
    private DesiredState() {}

    /**
     * The desired state of every host that is a member of at least one plane, in inventory order.
     *
     * @param keys peers' public keys where known; {@link PublicKeys#none()} offline
     */
    public static List<HostState> build(Fleet fleet, PublicKeys keys) {
        Map<String, Host> hosts = new HashMap<>();
        for (Host h : fleet.inventory().hosts()) hosts.put(h.name(), h);
        List<PlaneLayout> layouts = new ArrayList<>();
        for (Plane p : fleet.playbook().planes().values()) layouts.add(new PlaneLayout(fleet, p, keys, hosts));

        List<HostState> out = new ArrayList<>();
        for (Host host : fleet.inventory().hosts()) {
            List<WgInterface> interfaces = new ArrayList<>();
            List<Cidr> masquerade = new ArrayList<>();
            for (PlaneLayout layout : layouts) {
                if (!layout.has(host.name())) continue;
                interfaces.add(layout.interfaceFor(host.name()));
                if (layout.servesFullTunnel(host.name())) masquerade.add(layout.plane().subnet());
            }
            if (interfaces.isEmpty()) continue;
            out.add(new HostState(host, interfaces, ServiceStates.forHost(fleet, host),
                    Firewalls.forHost(fleet.playbook().firewall(), host, interfaces, masquerade)));
        }
        return out;
    }

    /**
     * What an admin workstation enrolled in {@code plane} peers with: the members it can dial (a mesh's members with
     * an endpoint, or the hub), in inventory order; a member whose key is not known yet has a pending key.
     */
    public static List<Peer> workstationPeers(Fleet fleet, String plane, PublicKeys keys) {
        Map<String, Host> hosts = new HashMap<>();
        for (Host h : fleet.inventory().hosts()) hosts.put(h.name(), h);
        return new PlaneLayout(fleet, fleet.plane(plane), keys, hosts).workstationPeers();
    }
}
