package dev.wgform.desired;

import dev.wgform.model.Cidr;
import dev.wgform.model.ClientSettings;
import dev.wgform.model.CustomService;
import dev.wgform.model.FirewallSettings;
import dev.wgform.model.Fleet;
import dev.wgform.model.Host;
import dev.wgform.model.Inventory;
import dev.wgform.model.Plane;
import dev.wgform.model.Playbook;
import dev.wgform.model.PortRule;
import dev.wgform.model.ServiceBinding;
import dev.wgform.model.ServiceKind;
import dev.wgform.model.SourceRef;
import dev.wgform.model.Topology;
import java.math.BigInteger;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Builds validated-looking Fleets in memory for tests, without the inventory loader. Plane members are host names
 * or groups ("all" is every host); addresses are allocated in member order from .1 unless a host sets one.
 */
public final class TestFleets {
    public static final String INVENTORY = "inventory.yml";
    public static final String PLAYBOOK = "playbook.yml";

    private TestFleets() {}

    public static Builder fleet() {
        return new Builder();
    }

    public static InetAddress ip(String text) {
        return Cidr.parseAddress(text).orElseThrow(() -> new IllegalArgumentException("not an address: " + text));
    }

    public static Cidr cidr(String text) {
        return Cidr.parse(text).orElseThrow(() -> new IllegalArgumentException("not a CIDR: " + text));
    }

    public static final class Builder {
        private final Map<String, HostSpec> hosts = new LinkedHashMap<>();
        private final Map<String, PlaneSpec> planes = new LinkedHashMap<>();
        private final List<ServiceBinding> services = new ArrayList<>();
        private FirewallSettings firewall = FirewallSettings.defaults();

        /** A host dialled at {@code endpoint} (also its SSH address), in {@code groups}. */
        public Builder host(String name, String endpoint, String... groups) {
            return host(name, h -> h.endpoint(endpoint).groups(groups));
        }

        public Builder host(String name, Consumer<HostSpec> spec) {
            HostSpec h = new HostSpec(name, hosts.size() + 1);
            spec.accept(h);
            hosts.put(name, h);
            return this;
        }

        public Builder plane(String name, Consumer<PlaneSpec> spec) {
            PlaneSpec p = new PlaneSpec(name, planes.size() + 1);
            spec.accept(p);
            planes.put(name, p);
            return this;
        }

        /** A built-in service binding; {@code port} 0 means none given. */
        public Builder service(String name, ServiceKind kind, String plane, int port, String... hostsOrGroups) {
            services.add(new ServiceBinding(name, kind, plane, port == 0 ? OptionalInt.empty() : OptionalInt.of(port),
                    List.of(hostsOrGroups), Optional.empty(), new SourceRef(PLAYBOOK, 100 + services.size(), 3)));
            return this;
        }

        public Builder customService(String name, String plane, int port, String template, String destination, String... hostsOrGroups) {
            services.add(new ServiceBinding(name, ServiceKind.CUSTOM, plane, port == 0 ? OptionalInt.empty() : OptionalInt.of(port),
                    List.of(hostsOrGroups), Optional.of(new CustomService(template, destination, Optional.empty(), Optional.empty())),
                    new SourceRef(PLAYBOOK, 100 + services.size(), 3)));
            return this;
        }

        public Builder firewall(FirewallSettings.Backend backend, FirewallSettings.Policy policy, boolean keepPublicSsh, String... allowPublic) {
            List<PortRule> rules = new ArrayList<>();
            for (String r : allowPublic) {
                String[] parts = r.split("/");
                rules.add(new PortRule(parts[0], Integer.parseInt(parts[1])));
            }
            firewall = new FirewallSettings(backend, policy, rules, keepPublicSsh);
            return this;
        }

        public Fleet build() {
            List<Host> built = new ArrayList<>();
            Map<String, List<String>> groups = new LinkedHashMap<>();
            for (HostSpec h : hosts.values()) {
                built.add(h.toHost());
                for (String g : h.groups) groups.computeIfAbsent(g, k -> new ArrayList<>()).add(h.name);
            }
            Map<String, Plane> planeMap = new LinkedHashMap<>();
            Map<String, Map<String, InetAddress>> members = new LinkedHashMap<>();
            for (PlaneSpec p : planes.values()) {
                Plane plane = p.toPlane();
                planeMap.put(p.name, plane);
                Map<String, InetAddress> addresses = new LinkedHashMap<>();
                int next = 1;
                for (HostSpec h : hosts.values()) {
                    if (!p.includes(h)) continue;
                    InetAddress explicit = h.addresses.get(p.name);
                    addresses.put(h.name, explicit != null ? explicit : plane.subnet().addressAt(BigInteger.valueOf(next)));
                    next++;
                }
                members.put(p.name, addresses);
            }
            Inventory inventory = new Inventory(INVENTORY, built, groups);
            Playbook playbook = new Playbook(PLAYBOOK, planeMap, services, firewall, Optional.empty(), Duration.ofSeconds(180));
            return new Fleet(inventory, playbook, members);
        }
    }

    public static final class HostSpec {
        private final String name;
        private final int line;
        private String sshAddress;
        private int sshPort = 22;
        private Optional<String> endpoint = Optional.empty();
        private boolean nat;
        private final List<Cidr> lan = new ArrayList<>();
        private String publicInterface = "eth0";
        private Optional<String> osFamily = Optional.empty();
        private final List<String> groups = new ArrayList<>();
        private final Map<String, InetAddress> addresses = new LinkedHashMap<>();
        private final Map<String, Object> vars = new LinkedHashMap<>();

        HostSpec(String name, int line) {
            this.name = name;
            this.line = line;
            this.sshAddress = name;
        }

        /** Sets the WireGuard endpoint and the SSH address. */
        public HostSpec endpoint(String address) {
            endpoint = Optional.of(address);
            sshAddress = address;
            return this;
        }

        public HostSpec sshAddress(String address) {
            sshAddress = address;
            return this;
        }

        public HostSpec sshPort(int port) {
            sshPort = port;
            return this;
        }

        /** Behind NAT: no endpoint. */
        public HostSpec nat() {
            nat = true;
            return this;
        }

        public HostSpec lan(String... cidrs) {
            for (String c : cidrs) lan.add(cidr(c));
            return this;
        }

        public HostSpec groups(String... names) {
            groups.addAll(Arrays.asList(names));
            return this;
        }

        public HostSpec os(String family) {
            osFamily = Optional.of(family);
            return this;
        }

        public HostSpec publicInterface(String name) {
            publicInterface = name;
            return this;
        }

        public HostSpec address(String plane, String address) {
            addresses.put(plane, ip(address));
            return this;
        }

        public HostSpec var(String key, Object value) {
            vars.put(key, value);
            return this;
        }

        Host toHost() {
            Map<String, Object> allVars = new LinkedHashMap<>(vars);
            endpoint.ifPresent(e -> allVars.putIfAbsent("ansible_host", e));
            return new Host(name, sshAddress, sshPort, Optional.of("root"), Optional.empty(), false,
                    nat ? Optional.empty() : endpoint, addresses, nat, lan, publicInterface, osFamily, Optional.empty(),
                    groups, allVars, new SourceRef(INVENTORY, line, 5));
        }
    }

    public static final class PlaneSpec {
        private final String name;
        private final int line;
        private String interfaceName;
        private Cidr subnet;
        private int port;
        private Topology topology = Topology.MESH;
        private Optional<String> hub = Optional.empty();
        private final List<String> members = new ArrayList<>();
        private OptionalInt keepalive = OptionalInt.empty();
        private OptionalInt mtu = OptionalInt.empty();
        private boolean psk;
        private boolean stealth;
        private boolean lanRoutes;
        private ClientSettings clients = ClientSettings.none();

        PlaneSpec(String name, int line) {
            this.name = name;
            this.line = line;
            this.interfaceName = Plane.defaultInterfaceName(name);
            this.subnet = cidr("10.20" + (line - 1) + ".0.0/24");
            this.port = 51819 + line;
        }

        public PlaneSpec subnet(String cidr) {
            subnet = cidr(cidr);
            return this;
        }

        public PlaneSpec port(int p) {
            port = p;
            return this;
        }

        public PlaneSpec interfaceName(String n) {
            interfaceName = n;
            return this;
        }

        public PlaneSpec members(String... hostsOrGroups) {
            members.addAll(Arrays.asList(hostsOrGroups));
            return this;
        }

        public PlaneSpec hub(String host) {
            topology = Topology.HUB;
            hub = Optional.of(host);
            return this;
        }

        public PlaneSpec relay(String host) {
            topology = Topology.RELAY;
            hub = Optional.of(host);
            return this;
        }

        public PlaneSpec keepalive(int seconds) {
            keepalive = OptionalInt.of(seconds);
            return this;
        }

        public PlaneSpec mtu(int bytes) {
            mtu = OptionalInt.of(bytes);
            return this;
        }

        public PlaneSpec psk() {
            psk = true;
            return this;
        }

        public PlaneSpec stealth() {
            stealth = true;
            return this;
        }

        public PlaneSpec lanRoutes() {
            lanRoutes = true;
            return this;
        }

        public PlaneSpec clients(boolean fullTunnel, List<String> dns, String... clientMembers) {
            clients = new ClientSettings(List.of(clientMembers), fullTunnel, dns);
            return this;
        }

        boolean includes(HostSpec h) {
            for (String m : members) if (m.equals("all") || m.equals(h.name) || h.groups.contains(m)) return true;
            return false;
        }

        Plane toPlane() {
            return new Plane(name, interfaceName, subnet, port, topology, members, hub, keepalive, mtu, psk, stealth,
                    lanRoutes, clients, new SourceRef(PLAYBOOK, line, 3));
        }
    }
}
