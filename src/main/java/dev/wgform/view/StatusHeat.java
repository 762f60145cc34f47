package dev.wgform.view;

import dev.wgform.drift.PeerHealth;

/** How worrying a peer's handshake age is; the colour of its cell in the status table and the heat map. */
enum StatusHeat {
    /** Handshake within stale_after. */
    FRESH,
    /** Older than stale_after, but the interface does not keep this peer alive, so an idle peer looks like this. */
    OLD,
    /** Stale by the report, or never a handshake. */
    STALE;

    static StatusHeat of(PeerHealth p, long staleAfterSeconds) {
        if (p.stale() || p.handshakeAgeSeconds().isEmpty()) return STALE;
        return p.handshakeAgeSeconds().getAsLong() > staleAfterSeconds ? OLD : FRESH;
    }

    /** "fresh", "old", "stale": CSS classes. */
    String cssName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
