package dev.wgform.planner;

import dev.wgform.model.Cidr;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One {@code ListenAddress} line of an sshd config: a host part (an address, a wildcard or a name) and an optional
 * port. Without a port sshd listens on every {@code Port} of its config.
 */
record SshdListen(String host, OptionalInt port) {
    SshdListen {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("host is required");
    }

    /** Every {@code ListenAddress} value in an sshd config text, in order (keywords are case-insensitive, as in sshd). */
    static List<SshdListen> parseAll(String config) {
        List<SshdListen> out = new ArrayList<>();
        for (String line : config.split("\n", -1)) {
            String[] words = line.strip().split("[\\s=]+");
            if (words.length < 2 || !words[0].toLowerCase(Locale.ROOT).equals("listenaddress")) continue;
            parse(words[1]).ifPresent(out::add); // a trailing "rdomain NAME" does not change where it listens
        }
        return out;
    }

    /** {@code 10.0.0.1}, {@code 10.0.0.1:22}, {@code [fd00::1]:22}, {@code fd00::1}, {@code name}, {@code name:22}. */
    static Optional<SshdListen> parse(String value) {
        String v = value.strip();
        if (v.startsWith("[")) {
            int close = v.indexOf(']');
            if (close < 2) return Optional.empty();
            String host = v.substring(1, close);
            String rest = v.substring(close + 1);
            if (rest.isEmpty()) return Optional.of(new SshdListen(host, OptionalInt.empty()));
            return rest.startsWith(":") ? port(rest.substring(1)).map(p -> new SshdListen(host, OptionalInt.of(p))) : Optional.empty();
        }
        int colon = v.indexOf(':');
        if (colon < 0) return v.isEmpty() ? Optional.empty() : Optional.of(new SshdListen(v, OptionalInt.empty()));
        if (v.indexOf(':', colon + 1) >= 0) return Optional.of(new SshdListen(v, OptionalInt.empty())); // a bare IPv6 address
        String host = v.substring(0, colon);
        if (host.isEmpty()) return Optional.empty();
        return port(v.substring(colon + 1)).map(p -> new SshdListen(host, OptionalInt.of(p)));
    }

    private static Optional<Integer> port(String text) {
        if (!text.matches("\\d{1,5}")) return Optional.empty();
        int p = Integer.parseInt(text);
        return p >= 1 && p <= 65535 ? Optional.of(p) : Optional.empty();
    }

    /**
     * Whether a client connecting to {@code address:port} reaches sshd through this line. A line without a port is
     * taken to listen on {@code port}: sshd's {@code Port}, which wgform cannot see, is assumed to be the one wgform
     * connects to (the firewall's SSH rule assumes the same). {@code 0.0.0.0} covers IPv4 and names, {@code ::} and
     * {@code *} everything; a name covers only the same name, never the address it might resolve to.
     */
    boolean covers(String address, int port) {
        if (this.port.isPresent() && this.port.getAsInt() != port) return false;
        if (host.equals("*") || host.equals("::")) return true;
        Optional<InetAddress> wanted = Cidr.parseAddress(address);
        if (host.equals("0.0.0.0")) return wanted.map(a -> a.getAddress().length == 4).orElse(true);
        Optional<InetAddress> mine = Cidr.parseAddress(host);
        if (mine.isPresent() && wanted.isPresent()) return mine.get().equals(wanted.get());
        return mine.isEmpty() && wanted.isEmpty() && host.equalsIgnoreCase(address);
    }

    /** As sshd_config writes it. */
    String text() {
        if (port.isEmpty()) return host;
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port.getAsInt();
    }
}
