package dev.wgform.facts;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Shares one instance of equal values parsed from many hosts: a peer's endpoint and routes show up on every other
 * host of its plane. Bounded: when full it starts over, so a long-lived JVM never holds more than {@code max}.
 */
final class Interner<K, V> {
    private final int max;
    private final ConcurrentHashMap<K, V> seen = new ConcurrentHashMap<>();

    Interner(int max) {
        this.max = max;
    }

    /** The value already made for {@code key}, else {@code make}'s, kept for the next time. */
    V get(K key, Function<K, V> make) {
        V known = seen.get(key);
        if (known != null) return known;
        if (seen.size() >= max) seen.clear();
        return seen.computeIfAbsent(key, make);
    }
}
