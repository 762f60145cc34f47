package dev.wgform.facts;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A socket listening on the host, from {@code ss -ltnu}: protocol ("tcp", "udp") and local address, which is an IP
 * address or a wildcard ("0.0.0.0", "::", "*").
 */
public record ListeningSocket(String protocol, String address, int port) {
    public ListeningSocket {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(address, "address");
    }

    /** Reads ss's local address column: "10.0.0.1:22", "[::]:22", "*:22", "127.0.0.53%lo:53", "[fe80::1%eth0]:22". */
    public static ListeningSocket parse(String protocol, String local) {
        int colon = local.lastIndexOf(':');
        if (colon <= 0 || colon == local.length() - 1) throw new IllegalArgumentException("not ADDRESS:PORT: " + local);
        String host = local.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(local.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not ADDRESS:PORT: " + local, e);
        }
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int scope = host.indexOf('%');
        if (scope >= 0) host = host.substring(0, scope);
        return new ListeningSocket(protocol, host, port);
    }

    /** Whether a TCP or UDP client could reach {@code address:port} on this socket (a wildcard covers every address). */
    public boolean covers(String wantedProtocol, InetAddress address, int wantedPort) {
        if (!protocol.equals(wantedProtocol) || port != wantedPort) return false;
        if (this.address.equals("*") || this.address.equals("0.0.0.0") && address.getAddress().length == 4) return true;
        if (this.address.equals("::")) return true; // dual-stack unless bindv6only; ss shows v4-only as 0.0.0.0
        if (!this.address.matches("[0-9A-Fa-f:.]+")) return false; // a literal, never a name to look up
        try {
            return InetAddress.getByName(this.address).equals(address);
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
