package dev.wgform.apply;

import dev.wgform.crypto.WgKeys;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a rotation step reports.
 *
 * @param currentKeys interface -> public key of its key file now
 * @param nextKeys    interface -> public key of its {@code .next} key
 * @param swappedAt   interface -> the host's clock (epoch seconds) when it took its new key
 * @param handshakes  "iface pubkey" -> epoch of the latest handshake seen after the swap
 * @param silent      "iface pubkey" of peers with no handshake after the swap
 * @param pings       address -> ok, fail, or noping (no ping on the host)
 */
public record RotationResult(Map<String, String> currentKeys, Map<String, String> nextKeys, Map<String, Long> swappedAt,
                             Map<String, Long> handshakes, Set<String> silent, Map<String, String> pings) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern EPOCH = Pattern.compile("[0-9]{1,18}");

    public RotationResult {
        currentKeys = Collections.unmodifiableMap(new LinkedHashMap<>(currentKeys));
        nextKeys = Collections.unmodifiableMap(new LinkedHashMap<>(nextKeys));
        swappedAt = Collections.unmodifiableMap(new LinkedHashMap<>(swappedAt));
        handshakes = Collections.unmodifiableMap(new LinkedHashMap<>(handshakes));
        silent = Collections.unmodifiableSet(new LinkedHashSet<>(silent));
        pings = Collections.unmodifiableMap(new LinkedHashMap<>(pings));
    }

    /** What a host with nothing to do in a step reports. */
    public static RotationResult none() {
        return new RotationResult(Map.of(), Map.of(), Map.of(), Map.of(), Set.of(), Map.of());
    }

    public Optional<String> nextKey(String iface) {
        return Optional.ofNullable(nextKeys.get(iface));
    }

    public OptionalLong swappedAt(String iface) {
        Long at = swappedAt.get(iface);
        return at == null ? OptionalLong.empty() : OptionalLong.of(at);
    }

    /** Whether a handshake with {@code peerKey} on {@code iface} came after the swap. */
    public boolean handshook(String iface, String peerKey) {
        return handshakes.containsKey(iface + " " + peerKey);
    }

    /**
     * Parses the script's stdout.
     *
     * @throws RemoteScriptException on {@code @@error}, a malformed line, or output cut short (no {@code @@end})
     */
    public static RotationResult parse(String stdout) {
        Map<String, String> current = new LinkedHashMap<>();
        Map<String, String> next = new LinkedHashMap<>();
        Map<String, Long> swapped = new LinkedHashMap<>();
        Map<String, Long> handshakes = new LinkedHashMap<>();
        Set<String> silent = new LinkedHashSet<>();
        Map<String, String> pings = new LinkedHashMap<>();
        boolean ended = false;
        for (String line : stdout.split("\n", -1)) {
            if (!line.startsWith("@@")) continue; // a login shell's noise
            String[] f = line.split(" ");
            switch (f[0]) {
                case "@@error":
                    throw new RemoteScriptException("rotation step failed: " + (line.length() > 8 ? line.substring(8) : "no reason given"));
                case "@@key":
                    if (f.length != 4 || !WgKeys.isValidKeyText(f[3])) throw malformed(line);
                    if (f[2].equals("current")) current.put(f[1], f[3]);
                    else if (f[2].equals("next")) next.put(f[1], f[3]);
                    else throw malformed(line);
                    break;
                case "@@swapped":
                    if (f.length != 3 || !EPOCH.matcher(f[2]).matches()) throw malformed(line);
                    swapped.put(f[1], Long.parseLong(f[2]));
                    break;
                case "@@handshake":
                    if (f.length != 4 || !EPOCH.matcher(f[3]).matches()) throw malformed(line);
                    handshakes.put(f[1] + " " + f[2], Long.parseLong(f[3]));
                    break;
                case "@@nohandshake":
                    if (f.length != 3) throw malformed(line);
                    silent.add(f[1] + " " + f[2]);
                    break;
                case "@@ping":
                    if (f.length != 3 || !f[2].matches("ok|fail|noping")) throw malformed(line);
                    pings.put(f[1], f[2]);
                    break;
                case "@@psk":
                    if (f.length != 3 || !HEX64.matcher(f[2]).matches()) throw malformed(line);
                    break;
                case "@@staged":
                case "@@moved":
                case "@@restored":
                case "@@unstaged":
                    if (f.length != 3) throw malformed(line);
                    break;
                case "@@end":
                    ended = true;
                    break;
                default:
                    throw malformed(line);
            }
        }
        if (!ended) throw new RemoteScriptException("rotation step output ended early (no @@end): connection lost or script killed");
        return new RotationResult(current, next, swapped, handshakes, silent, pings);
    }

    private static RemoteScriptException malformed(String line) {
        return RemoteScriptException.malformed("rotation step", line);
    }
}
