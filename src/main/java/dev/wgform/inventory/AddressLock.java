package dev.wgform.inventory;

import dev.wgform.model.AddressText;
import dev.wgform.model.Cidr;
import dev.wgform.model.InvalidInputException;
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
 * @param addresses plane -> host -> address
 */
public record AddressLock(Map<String, Map<String, InetAddress>> addresses) {
    static final int VERSION = 1;
    private static final List<String> TOP_KEYS = List.of("version", "addresses");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    public AddressLock {
        Map<String, Map<String, InetAddress>> copy = new LinkedHashMap<>();
        addresses.forEach((plane, hosts) -> copy.put(plane, Collections.unmodifiableMap(new LinkedHashMap<>(hosts))));
        addresses = Collections.unmodifiableMap(copy);
    }

    public static AddressLock empty() {
        return new AddressLock(Map.of());
    }

    public boolean isEmpty() {
        return addresses.values().stream().allMatch(Map::isEmpty);
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
            return out.toString();
        }
        out.append("addresses:\n");
        sorted.forEach((plane, hosts) -> {
            out.append("  ").append(quote(plane)).append(":\n");
            hosts.forEach((host, address) -> out.append("    ").append(quote(host)).append(": ")
                    .append(quote(AddressText.of(address))).append('\n'));
        });
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
