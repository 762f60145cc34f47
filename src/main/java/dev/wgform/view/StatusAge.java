package dev.wgform.view;

import java.util.OptionalLong;

/** Ages for people in the status table and the heat map: the largest whole unit, "12s", "3m", "2h", "5d". */
final class StatusAge {
    private StatusAge() {}

    static String compact(long seconds) {
        long s = Math.max(0, seconds); // a host clock behind the handshake's is not a negative age
        if (s < 60) return s + "s";
        if (s < 3600) return s / 60 + "m";
        if (s < 86400) return s / 3600 + "h";
        return s / 86400 + "d";
    }

    /** "never" when there was no handshake. */
    static String compact(OptionalLong seconds) {
        return seconds.isPresent() ? compact(seconds.getAsLong()) : "never";
    }
}
