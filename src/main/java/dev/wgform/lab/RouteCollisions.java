package dev.wgform.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds routes that already cover part of the lab range, in the output of {@code ip -4 -o route show table all}.
 * A lab on a range the machine already uses would shadow real hosts (or the machine's own uplink), so
 * {@code lab up} refuses. The default route is no collision, and neither are the lab's own routes on its bridge.
 */
public final class RouteCollisions {
    private static final int LAB_NETWORK = parseAddress("198.51.100.0").orElseThrow();
    private static final int LAB_PREFIX = 24;
    private static final Set<String> ROUTE_TYPES = Set.of("unicast", "local", "broadcast", "multicast", "anycast",
            "throw", "unreachable", "prohibit", "blackhole", "nat");

    private RouteCollisions() {}

    /** The route lines that overlap 198.51.100.0/24, as printed (trimmed); empty when the range is free. */
    public static List<String> find(String ipRouteOutput) {
        List<String> found = new ArrayList<>();
        for (String line : ipRouteOutput.split("\n")) {
            String route = line.strip();
            if (route.isEmpty()) continue;
            String[] words = route.split("\\s+");
            int i = ROUTE_TYPES.contains(words[0]) && words.length > 1 ? 1 : 0;
            Optional<int[]> prefix = parsePrefix(words[i]);
            if (prefix.isEmpty() || prefix.get()[1] == 0) continue; // "default", 0.0.0.0/0, or not IPv4
            if (LabNetwork.BRIDGE.equals(device(words))) continue;
            if (overlaps(prefix.get()[0], prefix.get()[1], LAB_NETWORK, LAB_PREFIX)) found.add(route);
        }
        return List.copyOf(found);
    }

    private static String device(String[] words) {
        for (int i = 0; i + 1 < words.length; i++) if (words[i].equals("dev")) return words[i + 1];
        return "";
    }

    static boolean overlaps(int a, int aLength, int b, int bLength) {
        int shorter = Math.min(aLength, bLength);
        int mask = shorter == 0 ? 0 : -1 << (32 - shorter);
        return (a & mask) == (b & mask);
    }

    // "a.b.c.d" (a /32) or "a.b.c.d/len" -> {address, length}
    static Optional<int[]> parsePrefix(String text) {
        int slash = text.indexOf('/');
        Optional<Integer> address = parseAddress(slash < 0 ? text : text.substring(0, slash));
        if (address.isEmpty()) return Optional.empty();
        int length = 32;
        if (slash >= 0) {
            String digits = text.substring(slash + 1);
            if (!digits.matches("[0-9]{1,2}")) return Optional.empty();
            length = Integer.parseInt(digits);
            if (length > 32) return Optional.empty();
        }
        return Optional.of(new int[] {address.get(), length});
    }

    static Optional<Integer> parseAddress(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) return Optional.empty();
        int value = 0;
        for (String p : parts) {
            if (!p.matches("[0-9]{1,3}")) return Optional.empty();
            int octet = Integer.parseInt(p);
            if (octet > 255) return Optional.empty();
            value = value << 8 | octet;
        }
        return Optional.of(value);
    }
}
