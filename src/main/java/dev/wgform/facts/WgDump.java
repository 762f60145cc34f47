package dev.wgform.facts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads {@code wg show all dump} as the fact script prints it (secret columns already blanked on the host).
 * Interface lines have 5 tab-separated fields (name, private key, public key, listen port, fwmark); peer lines 9
 * (name, public key, preshared key, endpoint, allowed IPs, latest handshake, rx, tx, keepalive). The secret
 * columns are never read, whatever they hold.
 */
final class WgDump {
    private static final String NONE = "(none)";
    /** by the endpoint and allowed-IPs fields as dumped */
    private static final Interner<String, Optional<String>> ENDPOINTS = new Interner<>(1 << 16);
    private static final Interner<String, List<String>> ROUTES = new Interner<>(1 << 16);

    private WgDump() {}

    /** @throws IllegalArgumentException naming the 1-based dump line that is not a dump line */
    static Map<String, LiveInterface> parse(List<String> lines) {
        Map<String, LiveInterface> interfaces = new LinkedHashMap<>();
        Map<String, List<LivePeer>> peers = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t", -1);
            try {
                if (f.length == 5) {
                    if (interfaces.containsKey(f[0])) throw new IllegalArgumentException("interface " + f[0] + " twice");
                    interfaces.put(f[0], new LiveInterface(f[0], none(f[2]) ? "" : f[2], port(f[3]), List.of()));
                    peers.put(f[0], new ArrayList<>());
                } else if (f.length == 9) {
                    List<LivePeer> list = peers.get(f[0]);
                    if (list == null) throw new IllegalArgumentException("peer of " + f[0] + " before its interface line");
                    list.add(peer(f));
                } else {
                    throw new IllegalArgumentException(f.length + " fields (expected 5 or 9)");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("wg dump line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        Map<String, LiveInterface> out = new LinkedHashMap<>();
        interfaces.forEach((name, iface) -> out.put(name, new LiveInterface(name, iface.publicKey(), iface.listenPort(), peers.get(name))));
        return out;
    }

    private static LivePeer peer(String[] f) {
        // f[2] is the preshared key column: only whether one is set is kept.
        boolean hasPsk = !none(f[2]);
        // A peer's key, endpoint and routes show up on every other host of its plane: interned, a 500-host mesh's
        // million live peers share 2000 copies of each instead of holding a million (about 190 MB less heap).
        Optional<String> endpoint = none(f[3]) ? Optional.empty() : ENDPOINTS.get(f[3], e -> Optional.of(e.intern()));
        List<String> allowed = none(f[4]) || f[4].isEmpty() ? List.of()
                : ROUTES.get(f[4], r -> List.of(Arrays.stream(r.split(",")).map(String::intern).toArray(String[]::new)));
        OptionalInt keepalive = f[8].equals("off") || f[8].equals("0") ? OptionalInt.empty() : OptionalInt.of(number(f[8], "keepalive"));
        return new LivePeer(f[1].intern(), hasPsk, endpoint, allowed, counter(f[5], "latest handshake"), counter(f[6], "rx bytes"),
                counter(f[7], "tx bytes"), keepalive);
    }

    private static boolean none(String field) {
        return field.equals(NONE);
    }

    private static OptionalInt port(String field) {
        int port = number(field, "listen port");
        return port == 0 ? OptionalInt.empty() : OptionalInt.of(port);
    }

    private static int number(String field, String what) {
        try {
            return Integer.parseInt(field);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a number: " + field);
        }
    }

    private static long counter(String field, String what) {
        try {
            return Long.parseLong(field);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a number: " + field);
        }
    }
}
