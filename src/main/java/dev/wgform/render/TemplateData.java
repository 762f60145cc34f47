package dev.wgform.render;

import dev.wgform.model.AddressText;
import dev.wgform.desired.FirewallState;
import dev.wgform.desired.HostState;
import dev.wgform.desired.Peer;
import dev.wgform.desired.PeerKey;
import dev.wgform.desired.ServiceState;
import dev.wgform.desired.WgInterface;
import dev.wgform.model.Cidr;
import dev.wgform.model.FirewallSettings.Policy;
import dev.wgform.model.Host;
import dev.wgform.model.PortRule;
import dev.wgform.model.Problem;
import dev.wgform.model.ServiceKind;
import dev.wgform.model.SourceRef;
import freemarker.template.TemplateModel;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the templates' data model for one host: plain maps, lists, strings and booleans (never the records, so
 * templates cannot call methods), every string checked by {@link ValueChecks}, then frozen ({@link FrozenModel}).
 * Optional values are simply absent: templates test them with {@code ??}. Numbers are strings, so no locale can
 * format a port as 51,820.
 */
final class TemplateData {
    private static final int MAX_VAR_DEPTH = 32;

    private final HostState state;
    private final ValueChecks checks;
    private final PeerModels peerModels;
    private final SourceRef where;
    private final Map<String, Object> common = new HashMap<>();

    TemplateData(HostState state, ValueChecks checks, PeerModels peerModels) {
        this.state = state;
        this.checks = checks;
        this.peerModels = peerModels;
        this.where = state.host().source();
        common.put("host", FrozenModel.of(host(state.host())));
        common.put("planes", FrozenModel.of(planes()));
    }

    FrozenModel.Hash forInterface(WgInterface i) {
        Map<String, Object> m = new HashMap<>();
        m.put("plane", checks.check(i.plane(), ValueChecks.NAME, where, "planes", "plane name"));
        m.put("name", checks.check(i.name(), ValueChecks.INTERFACE, where, "planes", "interface name"));
        m.put("address", i.addressWithPrefix());
        i.listenPort().ifPresent(p -> m.put("listenPort", Integer.toString(p)));
        i.mtu().ifPresent(p -> m.put("mtu", Integer.toString(p)));
        List<String> dns = new ArrayList<>();
        for (String d : i.dns()) dns.add(checks.check(d, ValueChecks.DNS, where, "clients.dns", "DNS server"));
        m.put("dns", dns);
        m.put("forwarding", i.forwarding());
        m.put("forwardingSysctls", forwardingSysctls(i));
        m.put("fullTunnel", i.fullTunnel());
        String keyPath = checks.path(i.privateKeyPath(), where, "planes");
        m.put("privateKeyPath", keyPath);
        m.put("privateKey", Placeholders.secret(keyPath));
        List<TemplateModel> peers = new ArrayList<>(i.peers().size());
        for (Peer p : i.peers()) peers.add(peer(p));
        m.put("peers", peers);
        return root("iface", m);
    }

    FrozenModel.Hash forNftables(FirewallState f) {
        Map<String, Object> m = firewallCommon(f);
        List<String> tcp = new ArrayList<>();
        List<String> udp = new ArrayList<>();
        for (PortRule r : f.allowPublic()) (r.protocol().equals("tcp") ? tcp : udp).add(Integer.toString(r.port()));
        m.put("publicTcp", tcp);
        m.put("publicUdp", udp);
        List<Map<String, Object>> masquerade = new ArrayList<>();
        for (Cidr c : f.masquerade()) masquerade.add(Map.of("family", c.isIpv4() ? "ip" : "ip6", "subnet", AddressText.of(c)));
        m.put("masquerade", masquerade);
        return root("firewall", m);
    }

    /** firewalld: a public zone holding the public interface, and a trusted zone for the plane interfaces. */
    FrozenModel.Hash forPublicZone(FirewallState f) {
        boolean stealth = f.policy() == Policy.STEALTH;
        List<String> services = new ArrayList<>();
        List<Map<String, Object>> ports = new ArrayList<>();
        if (stealth) services.add("dhcpv6-client"); // IPv6 address configuration keeps working
        for (int p : f.wireguardPorts()) ports.add(port("udp", p));
        for (PortRule r : f.allowPublic()) ports.add(port(r.protocol(), r.port()));
        if (f.keepPublicSsh()) {
            if (f.sshPort() == 22) services.add("ssh");
            else ports.add(port("tcp", f.sshPort()));
        }
        List<Map<String, Object>> masquerade = new ArrayList<>();
        for (Cidr c : f.masquerade()) masquerade.add(Map.of("family", c.isIpv4() ? "ipv4" : "ipv6", "subnet", AddressText.of(c)));
        Map<String, Object> zone = zone("wgform-public", "wgform public",
                "The public interface: WireGuard ports and allowed public ports"
                        + (stealth ? "; everything else is dropped." : "; policy open, nothing is dropped."),
                stealth ? "DROP" : "ACCEPT",
                List.of(checks.check(f.publicInterface(), ValueChecks.INTERFACE, where, "wg_public_interface", "interface name")));
        zone.put("services", services);
        zone.put("ports", ports);
        zone.put("masquerade", masquerade);
        zone.put("forward", false);
        return root("zone", zone);
    }

    FrozenModel.Hash forPlanesZone(FirewallState f) {
        Map<String, Object> zone = zone("wgform-planes", "wgform planes", "WireGuard plane interfaces: trusted.", "ACCEPT",
                interfaceNames(f.planeInterfaces()));
        zone.put("services", List.of());
        zone.put("ports", List.of());
        zone.put("masquerade", List.of());
        zone.put("forward", true); // relays and LAN routers forward between plane interfaces (firewalld 0.9+)
        return root("zone", zone);
    }

    FrozenModel.Hash forService(ServiceState s) {
        SourceRef at = s.source();
        Map<String, Object> m = new HashMap<>();
        m.put("name", checks.check(s.name(), ValueChecks.NAME, at, "services", "service name"));
        m.put("kind", s.kind().yamlName());
        m.put("plane", checks.check(s.plane(), ValueChecks.NAME, at, "plane", "plane name"));
        String address = AddressText.of(s.address());
        m.put("address", address);
        List<String> extras = new ArrayList<>();
        for (String e : s.extraListenAddresses()) extras.add(checks.check(e, ValueChecks.HOST_OR_ADDRESS, where, "ansible_host", "address"));
        m.put("extraListenAddresses", extras);
        List<String> listen = new ArrayList<>();
        listen.add(s.port().isPresent() ? withPort(address, s.port().getAsInt()) : address);
        for (String e : extras) listen.add(s.port().isPresent() ? withPort(e, s.port().getAsInt()) : e);
        m.put("listenAddresses", listen);
        s.port().ifPresent(p -> {
            m.put("port", Integer.toString(p));
            m.put("listen", withPort(address, p));
        });
        if (s.kind() == ServiceKind.POSTGRESQL) checkPostgresqlVersion(s.destination());
        m.put("destination", checks.path(s.destination(), at, "destination"));
        return root("service", m);
    }

    private void checkPostgresqlVersion(String destination) {
        String[] parts = destination.split("/", -1); // "", etc, postgresql, <version>, main, conf.d, wgform.conf
        String version = parts.length > 3 ? parts[3] : "";
        if (parts.length != 7 || !ValueChecks.VERSION.test(version)) {
            checks.add(new Problem(where, ServiceState.POSTGRESQL_VERSION_VAR,
                    "must be a PostgreSQL major version such as 15, not " + ValueChecks.quoted(version)));
        }
    }

    /** Frozen, so one model serves every host that has this peer. */
    private TemplateModel peer(Peer p) {
        TemplateModel shared = peerModels.get(p);
        if (shared != null) return shared;
        int problemsBefore = checks.count();
        Map<String, Object> m = new HashMap<>(16);
        m.put("host", checks.check(p.host(), ValueChecks.NAME, where, "peer", "peer host name"));
        m.put("publicKey", publicKey(p.key()));
        p.pskPath().ifPresent(path -> {
            checks.path(path, where, "psk");
            m.put("presharedKeyPath", path);
            m.put("presharedKey", Placeholders.secret(path));
        });
        m.put("allowedIps", join(p.allowedIps()));
        p.endpoint().ifPresent(e -> m.put("endpoint",
                checks.check(e, ValueChecks.ENDPOINT, where, "wg_endpoint", "endpoint of peer " + ValueChecks.quoted(p.host()) + ":")));
        p.keepalive().ifPresent(k -> m.put("keepalive", Integer.toString(k)));
        TemplateModel model = FrozenModel.of(m);
        if (checks.count() == problemsBefore) peerModels.keep(p, model);
        return model;
    }

    private String publicKey(PeerKey key) {
        if (key instanceof PeerKey.Known) {
            return checks.check(((PeerKey.Known) key).publicKey(), ValueChecks.PUBLIC_KEY, where, "peer", "public key");
        }
        PeerKey.Pending pending = (PeerKey.Pending) key;
        checks.check(pending.host(), ValueChecks.NAME, where, "peer", "host name");
        checks.check(pending.plane(), ValueChecks.NAME, where, "planes", "plane name");
        return Placeholders.publicKey(pending.host(), pending.plane());
    }

    private Map<String, Object> firewallCommon(FirewallState f) {
        Map<String, Object> m = new HashMap<>();
        m.put("policy", f.policy().yamlName());
        m.put("stealth", f.policy() == Policy.STEALTH);
        m.put("publicInterface", checks.check(f.publicInterface(), ValueChecks.INTERFACE, where, "wg_public_interface", "interface name"));
        m.put("planeInterfaces", interfaceNames(f.planeInterfaces()));
        List<String> ports = new ArrayList<>();
        for (int p : f.wireguardPorts()) ports.add(Integer.toString(p));
        m.put("wireguardPorts", ports);
        m.put("keepPublicSsh", f.keepPublicSsh());
        m.put("sshPort", Integer.toString(f.sshPort()));
        return m;
    }

    private List<String> interfaceNames(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) out.add(checks.check(n, ValueChecks.INTERFACE, where, "planes", "interface name"));
        return out;
    }

    private static Map<String, Object> zone(String name, String shortName, String description, String target, List<String> interfaces) {
        Map<String, Object> zone = new HashMap<>();
        zone.put("name", name);
        zone.put("short", shortName);
        zone.put("description", description);
        zone.put("target", target);
        zone.put("interfaces", interfaces);
        return zone;
    }

    private static Map<String, Object> port(String protocol, int port) {
        return Map.of("protocol", protocol, "port", Integer.toString(port));
    }

    /** ip_forward for the interface's own family, and for the families of the LANs it routes. */
    private List<String> forwardingSysctls(WgInterface i) {
        if (!i.forwarding()) return List.of();
        Set<Boolean> ipv4 = new LinkedHashSet<>();
        ipv4.add(!(i.address() instanceof Inet6Address));
        for (Cidr lan : state.host().lan()) ipv4.add(lan.isIpv4());
        List<String> out = new ArrayList<>();
        if (ipv4.contains(true)) out.add("net.ipv4.ip_forward=1");
        if (ipv4.contains(false)) out.add("net.ipv6.conf.all.forwarding=1");
        return out;
    }

    private FrozenModel.Hash root(String key, Map<String, Object> value) {
        Map<String, Object> root = new HashMap<>(common);
        root.put(key, value);
        return FrozenModel.hash(root);
    }

    private Map<String, Object> host(Host h) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", checks.check(h.name(), ValueChecks.NAME, where, "host", "host name"));
        m.put("publicInterface", checks.check(h.publicInterface(), ValueChecks.INTERFACE, where, "wg_public_interface", "interface name"));
        m.put("sshAddress", checks.check(h.sshAddress(), ValueChecks.HOST_OR_ADDRESS, where, "ansible_host", "address"));
        h.osFamily().ifPresent(f -> m.put("osFamily", checks.check(f, ValueChecks.NAME, where, "wg_os_family", "OS family")));
        m.put("groups", List.copyOf(h.groups()));
        // for user templates of custom services; built-in templates print none of these
        Map<String, Object> vars = new LinkedHashMap<>();
        h.vars().forEach((k, v) -> {
            if (!looksSecret(k)) vars.put(k, v);
        });
        m.put("vars", plain(vars, 0));
        return m;
    }

    private Map<String, Object> planes() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (WgInterface i : state.interfaces()) {
            Map<String, Object> p = new HashMap<>();
            p.put("name", i.plane());
            p.put("interface", i.name());
            p.put("address", AddressText.of(i.address()));
            p.put("prefixLength", Integer.toString(i.prefixLength()));
            p.put("cidr", i.addressWithPrefix());
            out.put(i.plane(), p);
        }
        return out;
    }

    /** ansible_become_password, vault tokens and the like: no template needs them, so none can print them. */
    static boolean looksSecret(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("pass") || n.contains("secret") || n.contains("token") || n.contains("private_key");
    }

    /** Host variables as plain maps, lists, strings and booleans; anything else becomes its text. */
    private static Object plain(Object value, int depth) {
        if (depth > MAX_VAR_DEPTH) return "";
        if (value instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (e.getKey() != null && e.getValue() != null) out.put(String.valueOf(e.getKey()), plain(e.getValue(), depth + 1));
            }
            return out;
        }
        if (value instanceof Collection) {
            List<Object> out = new ArrayList<>();
            for (Object o : (Collection<?>) value) if (o != null) out.add(plain(o, depth + 1));
            return out;
        }
        if (value instanceof Boolean) return value;
        return String.valueOf(value);
    }

    static String withPort(String address, int port) {
        boolean ipv6 = address.indexOf(':') >= 0 && !address.startsWith("[");
        return (ipv6 ? "[" + address + "]" : address) + ":" + port;
    }

    private static String join(List<Cidr> cidrs) {
        if (cidrs.size() == 1) return AddressText.of(cidrs.get(0));
        StringBuilder b = new StringBuilder();
        for (Cidr c : cidrs) {
            if (b.length() > 0) b.append(", ");
            b.append(AddressText.of(c));
        }
        return b.toString();
    }
}
