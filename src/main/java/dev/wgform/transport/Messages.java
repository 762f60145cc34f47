package dev.wgform.transport;

import java.time.Duration;

/** Small wording helpers shared by the transport's messages. */
final class Messages {
    private Messages() {
    }

    /** "10 s", "1.5 s" or "500 ms". */
    static String duration(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) return millis + " ms";
        if (millis % 1000 == 0) return millis / 1000 + " s";
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** The most telling message in a chain of causes, without Java class names where there is a message. */
    static String reason(Throwable t) {
        Throwable deepest = t;
        while (deepest.getCause() != null && deepest.getCause() != deepest) deepest = deepest.getCause();
        for (Throwable x : new Throwable[] {t, deepest}) {
            String message = x.getMessage();
            if (message != null && !message.isBlank()) return message.strip();
        }
        return deepest.getClass().getSimpleName();
    }
}
