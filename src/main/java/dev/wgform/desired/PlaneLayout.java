package dev.wgform.desired;

import dev.wgform.model.Cidr;
import dev.wgform.model.ClientSettings;
import dev.wgform.model.Fleet;
import dev.wgform.model.Host;
import dev.wgform.model.Plane;
import dev.wgform.model.Topology;
import dev.wgform.model.WorkstationPeer;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One plane expanded once: every member as its peers see it (key, endpoint, routes, PSK file), so building a
 * host's interface is a single walk over shared values. That keeps a 1000-host mesh linear in its peer entries.
 */
final class PlaneLayout {
    static final int DEFAULT_KEEPALIVE = 25;
    private static final List<Cidr> EVERYTHING = List.of(Cidr.parse("0.0.0.0/0").orElseThrow(), Cidr.parse("::/0").orElseThrow());

    /** A member as seen from the other side: what a peer entry pointing at it contains. */
    private record Member(Host host, InetAddress address, PeerKey key, Optional<String> endpoint, List<Cidr> routes,
                         Optional<String> pskPath, boolean spoke, boolean client) {}

    private final Plane plane;
    private final List<Member> members = new ArrayList<>();
    private final Map<String, Member> byName = new HashMap<>();
    private final Optional<Member> hub;
    /** What a spoke without LANs of its own routes to the hub: the plane subnet and every member's LANs. */
    private final List<Cidr> spokeRoutes;
    private final boolean anyFullTunnelClient;
    /** Enrolled admin workstations: road warriors that dial the members they have an endpoint for. */
    private final List<Peer> workstations = new ArrayList<>();
    /** Mesh peers shared by the members that see them: without a keepalive, and with one (see meshPeer). */
    private final Map<Member, Peer> meshPeers = new IdentityHashMap<>();
    private final Map<Member, Peer> meshPeersKeptAlive = new IdentityHashMap<>();

    PlaneLayout(Fleet fleet, Plane plane, PublicKeys keys, Map<String, Host> hosts) {
        this.plane = plane;
        Optional<String> hubName = plane.topology() == Topology.MESH ? Optional.empty() : plane.hub();
        List<Cidr> lans = new ArrayList<>();
        boolean fullTunnel = false;
        for (Map.Entry<String, InetAddress> e : fleet.members().getOrDefault(plane.name(), Map.of()).entrySet()) {
            Host host = hosts.get(e.getKey());
            if (host == null) throw new IllegalArgumentException("plane " + plane.name() + " member " + e.getKey() + " is not in the inventory");
            boolean spoke = hubName.isPresent() && !hubName.get().equals(host.name());
            boolean client = spoke && isClient(plane.clients(), host);
            fullTunnel |= client && plane.clients().fullTunnel();
            List<Cidr> ownLans = plane.lanRoutes() ? host.lan() : List.of();
            lans.addAll(ownLans);
            List<Cidr> routes = new ArrayList<>();
            routes.add(hostRoute(e.getValue()));
            routes.addAll(ownLans);
            Member m = new Member(host, e.getValue(), key(keys, host.name()), endpoint(host, spoke),
                    List.copyOf(routes), psk(host.name()), spoke, client);
            members.add(m);
            byName.put(host.name(), m);
        }
        this.hub = hubName.map(name -> {
            Member m = byName.get(name);
            if (m == null) throw new IllegalArgumentException("hub " + name + " of plane " + plane.name() + " is not a member");
            return m;
        });
        List<Cidr> viaHub = new ArrayList<>();
        viaHub.add(plane.subnet());
        viaHub.addAll(lans);
        this.spokeRoutes = List.copyOf(viaHub);
        this.anyFullTunnelClient = fullTunnel;
        // no endpoint (it always dials in), no keepalive on this side, no PSK (no host holds a copy to pair it with)
        for (WorkstationPeer w : fleet.workstationsOf(plane.name())) {
            workstations.add(new Peer(w.name(), new PeerKey.Known(w.publicKey()), Optional.empty(), List.of(hostRoute(w.address())),
                    OptionalInt.empty(), Optional.empty()));
        }
    }

    /**
     * The peers of an admin workstation enrolled in this plane: every member it can dial in a mesh (the member's
     * address and LANs), the hub alone otherwise (the plane subnet and LANs behind it); each kept open with a
     * keepalive, as the workstation is the side that cannot be dialled. Never a PSK.
     */
    List<Peer> workstationPeers() {
        OptionalInt keepalive = OptionalInt.of(plane.keepalive().orElse(DEFAULT_KEEPALIVE));
        List<Peer> out = new ArrayList<>();
        for (Member m : members) {
            if (!acceptsWorkstations(m)) continue;
            List<Cidr> routes = hub.isPresent() ? spokeRoutes : m.routes();
            out.add(new Peer(m.host().name(), m.key(), m.endpoint(), routes, keepalive, Optional.empty()));
        }
        return out;
    }

    /** A mesh member or the hub, with an endpoint the workstation can dial; peering is symmetric. */
    private boolean acceptsWorkstations(Member m) {
        return !m.spoke() && m.endpoint().isPresent();
    }

    Plane plane() {
        return plane;
    }

    boolean has(String host) {
        return byName.containsKey(host);
    }

    /** True for the hub of a plane with full-tunnel clients: their internet traffic leaves through it. */
    boolean servesFullTunnel(String host) {
        return anyFullTunnelClient && hub.isPresent() && hub.get().host().name().equals(host);
    }

    WgInterface interfaceFor(String hostName) {
        Member self = byName.get(hostName);
        if (self == null) throw new IllegalArgumentException(hostName + " is not a member of plane " + plane.name());
        boolean stealthSpoke = plane.stealth() && self.spoke();
        // the side that cannot be dialled keeps the path open
        OptionalInt keepalive = self.host().nat() || stealthSpoke
                ? OptionalInt.of(plane.keepalive().orElse(DEFAULT_KEEPALIVE)) : OptionalInt.empty();
        List<Peer> peers;
        if (self.spoke()) {
            Member h = hub.orElseThrow();
            peers = List.of(peer(h, routesToHub(self), keepalive));
        } else {
            // a mesh member peers with everyone; a hub with every spoke, which is everyone else too
            peers = new ArrayList<>(members.size() + workstations.size());
            for (Member m : members) if (m != self) peers.add(meshPeer(m, keepalive));
            if (acceptsWorkstations(self)) peers.addAll(workstations);
        }
        boolean isHub = hub.isPresent() && hub.get() == self;
        boolean forwarding = isHub && (plane.topology() == Topology.RELAY || anyFullTunnelClient)
                || plane.lanRoutes() && !self.host().lan().isEmpty();
        boolean fullTunnel = self.client() && plane.clients().fullTunnel();
        List<String> dns = self.client() ? plane.clients().dns() : List.of();
        OptionalInt listenPort = stealthSpoke ? OptionalInt.empty() : OptionalInt.of(plane.port());
        return new WgInterface(plane.name(), plane.interfaceName(), self.address(), plane.subnet().prefixLength(),
                listenPort, plane.mtu(), dns, forwarding, fullTunnel, KeyPaths.privateKey(plane.interfaceName()), peers);
    }

    private List<Cidr> routesToHub(Member spoke) {
        if (spoke.client() && plane.clients().fullTunnel()) return EVERYTHING;
        if (!plane.lanRoutes() || spoke.host().lan().isEmpty()) return spokeRoutes;
        List<Cidr> routes = new ArrayList<>(spokeRoutes);
        routes.removeAll(spoke.host().lan()); // its own LANs stay local
        return List.copyOf(routes);
    }

    private Peer peer(Member m, List<Cidr> allowedIps, OptionalInt keepalive) {
        return new Peer(m.host().name(), m.key(), m.endpoint(), allowedIps, keepalive, m.pskPath());
    }

    /**
     * A mesh member as every other member sees it: one instance per member with and one without the keepalive (the
     * seeing host's own keepalive is the only thing that differs, and a plane has one value for it), so a 500-host
     * mesh holds 2000 peers, not a million, and the renderer finds each one's template model by identity.
     */
    private Peer meshPeer(Member m, OptionalInt keepalive) {
        return (keepalive.isPresent() ? meshPeersKeptAlive : meshPeers).computeIfAbsent(m, x -> peer(x, x.routes(), keepalive));
    }

    private PeerKey key(PublicKeys keys, String host) {
        Optional<String> known = keys.of(host, plane.name());
        return known.isPresent() ? new PeerKey.Known(known.get()) : new PeerKey.Pending(host, plane.name());
    }

    private Optional<String> endpoint(Host host, boolean spoke) {
        if (host.nat() || plane.stealth() && spoke) return Optional.empty();
        return host.endpoint().map(e -> withPort(e, plane.port()));
    }

    private Optional<String> psk(String peerHost) {
        return plane.psk() ? Optional.of(KeyPaths.presharedKey(plane.interfaceName(), peerHost)) : Optional.empty();
    }

    static String withPort(String host, int port) {
        boolean bareIpv6 = host.indexOf(':') >= 0 && !host.startsWith("[");
        return (bareIpv6 ? "[" + host + "]" : host) + ":" + port;
    }

    private static Cidr hostRoute(InetAddress address) {
        return new Cidr(address, address.getAddress().length * 8);
    }

    private static boolean isClient(ClientSettings clients, Host host) {
        if (clients.members().isEmpty()) return true;
        for (String m : clients.members()) if (m.equals(host.name()) || host.inGroup(m)) return true;
        return false;
    }
}
