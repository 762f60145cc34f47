package dev.wgform.inventory;

import dev.wgform.model.AddressText;
import dev.wgform.model.Cidr;
import dev.wgform.model.InvalidInputException;
import dev.wgform.model.WorkstationPeer;
import dev.wgform.crypto.WgKeys;
import java.util.ArrayList;
import java.util.Comparator;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The plane addresses every member host has, as recorded in the lock file beside the inventory
 * ({@code inventories/x.lock.yml}), so that allocations stay put from run to run. Meant to be
 * committed: {@link #toYaml()} is deterministic (planes and hosts sorted by name).
 *
 * <p>It also records the admin workstations enrolled in planes ({@code wgform workstation}): name, plane, address and
 * public key, so that every admin's plan keeps them as peers. They are kept as read, whatever the playbook says now.
 *
 * @param addresses    plane -> host -> address
 * @param workstations enrolled workstations, each name at most once per plane
 */
public record AddressLock(Map<String, Map<String, InetAddress>> addresses, List<WorkstationPeer> workstations) {
    static final int VERSION = 1;
    private static final List<String> TOP_KEYS = List.of("version", "addresses", "workstations");
    private static final List<String> WORKSTATION_KEYS = List.of("address", "public_key");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    public AddressLock {
        Map<String, Map<String, InetAddress>> copy = new LinkedHashMap<>();
        addresses.forEach((plane, hosts) -> copy.put(plane, Collections.unmodifiableMap(new LinkedHashMap<>(hosts))));
        addresses = Collections.unmodifiableMap(copy);
        workstations = List.copyOf(workstations);
    }

    /** Host addresses only. */
    public AddressLock(Map<String, Map<String, InetAddress>> addresses) {
        this(addresses, List.of());
    }

    /** The enrolment of workstation {@code name} in {@code plane}, if any. */
    public Optional<WorkstationPeer> workstation(String name, String plane) {
        return workstations.stream().filter(w -> w.name().equals(name) && w.plane().equals(plane)).findFirst();
    }

    /** This lock with {@code enrolment} added, replacing an earlier one of the same name and plane. */
    public AddressLock withWorkstation(WorkstationPeer enrolment) {
        List<WorkstationPeer> out = new ArrayList<>(withoutWorkstation(enrolment.name(), enrolment.plane()).workstations);
        out.add(enrolment);
        return new AddressLock(addresses, out);
    }

    /** This lock without workstation {@code name}'s enrolment in {@code plane}. */
    public AddressLock withoutWorkstation(String name, String plane) {
        List<WorkstationPeer> out = new ArrayList<>(workstations);
        out.removeIf(w -> w.name().equals(name) && w.plane().equals(plane));
        return new AddressLock(addresses, out);
    }

    public static AddressLock empty() {
        return new AddressLock(Map.of());
    }

    public boolean isEmpty() {
        return addresses.values().stream().allMatch(Map::isEmpty) && workstations.isEmpty();
    }

    public Optional<InetAddress> address(String plane, String host) {
        return Optional.ofNullable(addresses.getOrDefault(plane, Map.of()).get(host));
    }

    /** Reads a lock file; a missing file is an empty lock. */
    public static AddressLock read(Path file) throws InvalidInputException {
        Problems problems = new Problems();
        AddressLock lock = read(file, problems);
        problems.throwIfAny();
        return lock;
    }

    /** Parses lock file text that claims to come from {@code file}. */
    public static AddressLock parse(String text, String file) throws InvalidInputException {
        Problems problems = new Problems();
        AddressLock lock = SafeYaml.parse(text, file, "", true, problems).map(root -> fromYaml(root, problems)).orElse(empty());
        problems.throwIfAny();
        return lock;
    }

    static AddressLock read(Path file, Problems problems) {
        if (!Files.exists(file)) return empty();
        return SafeYaml.read(file, "", true, problems).map(root -> fromYaml(root, problems)).orElse(empty());
    }

    private static AddressLock fromYaml(YamlNode root, Problems problems) {
        AddressLock hosts = addressesFromYaml(root, problems);
        if (!(root instanceof YamlMap) || !versionOk(root)) return hosts;
        Optional<YamlNode> section = ((YamlMap) root).get("workstations");
        if (section.isEmpty()) return hosts;
        return new AddressLock(hosts.addresses(), workstationsFromYaml(section.get(), problems));
    }

    private static boolean versionOk(YamlNode root) {
        Optional<YamlNode> version = ((YamlMap) root).get("version");
        return version.isPresent() && version.get() instanceof YamlScalar && ((YamlScalar) version.get()).text().equals("1");
    }

    /** {@code workstations: {NAME: {PLANE: {address: A, public_key: K}}}} */
    private static List<WorkstationPeer> workstationsFromYaml(YamlNode section, Problems problems) {
        List<WorkstationPeer> out = new ArrayList<>();
        if (section instanceof YamlScalar && ((YamlScalar) section).isNull()) return out;
        for (YamlEntry name : Values.map(section, "workstations", problems).map(YamlMap::entries).orElse(List.of())) {
            String namePath = "workstations." + name.key();
            for (YamlEntry plane : Values.map(name.value(), namePath, problems).map(YamlMap::entries).orElse(List.of())) {
                String path = namePath + "." + plane.key();
                Optional<YamlMap> fields = Values.map(plane.value(), path, problems);
                if (fields.isEmpty()) continue;
                Keys.check(fields.get(), path, WORKSTATION_KEYS, problems);
                Optional<InetAddress> address = required(fields.get(), "address", path, problems)
                        .flatMap(v -> Values.address(v, path + ".address", problems));
                Optional<String> key = required(fields.get(), "public_key", path, problems)
                        .flatMap(v -> Values.text(v, path + ".public_key", problems));
                if (key.isPresent() && !WgKeys.isValidKeyText(key.get().trim())) {
                    problems.add(fields.get().get("public_key").get().where(), path + ".public_key",
                            "not a WireGuard public key (44 characters of base64); enrol the workstation again with"
                                    + " wgform workstation --remove, then wgform workstation");
                    continue;
                }
                if (address.isPresent() && key.isPresent()) {
                    out.add(new WorkstationPeer(name.key(), plane.key(), address.get(), key.get().trim(), plane.keyWhere()));
                }
            }
        }
        return out;
    }

    private static Optional<YamlNode> required(YamlMap map, String key, String path, Problems problems) {
        Optional<YamlNode> v = map.get(key);
        if (v.isEmpty()) problems.add(map.where(), path + "." + key, key + " is required");
        return v;
    }

    private static AddressLock addressesFromYaml(YamlNode root, Problems problems) {
        String fix = "; fix it, or delete the lock file to allocate addresses afresh";
        Optional<YamlMap> top = Values.map(root, "", problems);
        if (top.isEmpty()) return empty();
        Keys.check(top.get(), "", TOP_KEYS, problems);
        Optional<YamlNode> version = top.get().get("version");
        if (version.isEmpty() || !(version.get() instanceof YamlScalar) || !((YamlScalar) version.get()).text().equals("1")) {
            problems.add(version.map(YamlNode::where).orElse(top.get().where()), "version",
                    "this lock file needs version: " + VERSION + " (written by another wgform version?)" + fix);
            return empty();
        }
        Map<String, Map<String, InetAddress>> out = new LinkedHashMap<>();
        Optional<YamlNode> addresses = top.get().get("addresses");
        if (addresses.isEmpty() || (addresses.get() instanceof YamlScalar && ((YamlScalar) addresses.get()).isNull())) {
            return empty();
        }
        for (YamlEntry plane : Values.map(addresses.get(), "addresses", problems).map(YamlMap::entries).orElse(List.of())) {
            String path = "addresses." + plane.key();
            Map<String, InetAddress> hosts = new LinkedHashMap<>();
            if (!(plane.value() instanceof YamlScalar && ((YamlScalar) plane.value()).isNull())) {
                for (YamlEntry host : Values.map(plane.value(), path, problems).map(YamlMap::entries).orElse(List.of())) {
                    Values.address(host.value(), path + "." + host.key(), problems).ifPresent(a -> hosts.put(host.key(), a));
                }
            }
            out.put(plane.key(), hosts);
        }
        return new AddressLock(out);
    }

    /** The lock file's text: a comment, the version, then planes and hosts sorted by name. */
    public String toYaml() {
        StringBuilder out = new StringBuilder();
        out.append("# wgform address allocations: the address each host has on each plane.\n");
        out.append("# Written by wgform so addresses stay stable from run to run; commit it with the inventory.\n");
        out.append("# Explicit wg_addresses in the inventory take precedence over this file.\n");
        out.append("version: ").append(VERSION).append('\n');
        Map<String, Map<String, InetAddress>> sorted = new TreeMap<>();
        addresses.forEach((plane, hosts) -> {
            if (!hosts.isEmpty()) sorted.put(plane, new TreeMap<>(hosts));
        });
        if (sorted.isEmpty()) {
            out.append("addresses: {}\n");
        } else {
            out.append("addresses:\n");
            sorted.forEach((plane, hosts) -> {
                out.append("  ").append(quote(plane)).append(":\n");
                hosts.forEach((host, address) -> out.append("    ").append(quote(host)).append(": ")
                        .append(quote(AddressText.of(address))).append('\n'));
            });
        }
        if (workstations.isEmpty()) return out.toString();
        out.append("# Admin workstations enrolled in planes (wgform workstation): public keys only; each plane's members\n");
        out.append("# accept them as peers.\n");
        out.append("workstations:\n");
        List<WorkstationPeer> byName = new ArrayList<>(workstations);
        byName.sort(Comparator.comparing(WorkstationPeer::name).thenComparing(WorkstationPeer::plane));
        String last = null;
        for (WorkstationPeer w : byName) {
            if (!w.name().equals(last)) out.append("  ").append(quote(w.name())).append(":\n");
            last = w.name();
            out.append("    ").append(quote(w.plane())).append(":\n");
            out.append("      address: ").append(quote(AddressText.of(w.address()))).append('\n');
            out.append("      public_key: ").append(quote(w.publicKey())).append('\n');
        }
        return out.toString();
    }

    /** Plain where YAML would read the text back unchanged, double-quoted otherwise. */
    private static String quote(String text) {
        if (PLAIN.matcher(text).matches() || text.matches("[0-9]+(\\.[0-9]+){3}")) return text;
        StringBuilder q = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') q.append('\\').append(c);
            else if (c < 0x20) q.append(String.format("\\x%02x", (int) c));
            else q.append(c);
        }
        return q.append('"').toString();
    }

    /** True when {@code address} may be kept for a member of a plane with {@code subnet}. */
    static boolean usable(Cidr subnet, InetAddress address) {
        return subnet.contains(address) && !subnet.isReserved(address);
    }
}
