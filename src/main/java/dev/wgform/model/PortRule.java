package dev.wgform.model;

import java.util.Locale;

/** A public port to keep open, written {@code tcp/443} or {@code udp/53}. */
public record PortRule(String protocol, int port) {
    public PortRule {
        protocol = protocol.toLowerCase(Locale.ROOT);
        if (!protocol.equals("tcp") && !protocol.equals("udp")) throw new IllegalArgumentException("protocol must be tcp or udp");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
    }

    @Override
    public String toString() {
        return protocol + "/" + port;
    }
}
