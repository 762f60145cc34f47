package dev.wgform.rotate;

import dev.wgform.crypto.WgKeys;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The journal as plain maps and lists (for the JSON writer), and back; a damaged journal is refused by name. */
public final class JournalCodec {
    private JournalCodec() {}

    public static Map<String, Object> toMap(RotationJournal j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format_version", j.formatVersion());
        m.put("plane", j.plane());
        m.put("interface", j.iface());
        m.put("rotate_psk", j.rotatePsk());
        m.put("started", j.started().toString());
        m.put("finished", j.finished());
        List<Object> hosts = new ArrayList<>();
        for (HostRotation h : j.hosts()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("host", h.host());
            e.put("batch", h.batch());
            e.put("stage", h.stage().jsonName());
            e.put("old_public_key", h.oldKey());
            e.put("new_public_key", h.newKey());
            e.put("swapped_at", h.swappedAt().isPresent() ? (Object) h.swappedAt().getAsLong() : null);
            e.put("message", h.message());
            hosts.add(e);
        }
        m.put("hosts", hosts);
        return m;
    }

    /** @throws IllegalArgumentException naming what is wrong */
    public static RotationJournal fromMap(Map<String, Object> m) {
        int version = integer(m, "format_version");
        if (version != RotationJournal.CURRENT_VERSION) {
            throw new IllegalArgumentException("journal format " + version + " is not supported (this wgform reads "
                    + RotationJournal.CURRENT_VERSION + ")");
        }
        Instant started;
        try {
            started = Instant.parse(text(m, "started"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'started' is not a time: " + m.get("started"));
        }
        Object hostsValue = m.get("hosts");
        if (!(hostsValue instanceof List)) throw new IllegalArgumentException("'hosts' must be a list");
        List<HostRotation> hosts = new ArrayList<>();
        for (Object o : (List<?>) hostsValue) {
            if (!(o instanceof Map)) throw new IllegalArgumentException("each of 'hosts' must be an object");
            @SuppressWarnings("unchecked") Map<String, Object> e = (Map<String, Object>) o;
            String stageName = text(e, "stage");
            Stage stage = Stage.fromJson(stageName).orElseThrow(() -> new IllegalArgumentException("unknown stage '" + stageName + "'"));
            Object at = e.get("swapped_at");
            String host = text(e, "host");
            hosts.add(new HostRotation(host, integer(e, "batch"), stage, publicKey(e, "old_public_key", host),
                    publicKey(e, "new_public_key", host), at instanceof Number ? OptionalLong.of(((Number) at).longValue()) : OptionalLong.empty(),
                    optionalText(e, "message").orElse("")));
        }
        Object psk = m.get("rotate_psk");
        if (!(psk instanceof Boolean)) throw new IllegalArgumentException("'rotate_psk' must be true or false");
        return new RotationJournal(version, text(m, "plane"), text(m, "interface"), (Boolean) psk, started, hosts);
    }

    private static String text(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof String) || ((String) v).isBlank()) throw new IllegalArgumentException("'" + key + "' must be a non-empty string");
        return (String) v;
    }

    private static Optional<String> optionalText(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof String && !((String) v).isEmpty() ? Optional.of((String) v) : Optional.empty();
    }

    // Keys go into the rotation's scripts: a damaged one is refused here, by name, not half-way through a stage.
    private static Optional<String> publicKey(Map<String, Object> m, String key, String host) {
        Optional<String> k = optionalText(m, key);
        if (k.isPresent() && !WgKeys.isValidKeyText(k.get())) {
            throw new IllegalArgumentException(host + ": '" + key + "' is not a WireGuard public key: " + k.get());
        }
        return k;
    }

    private static int integer(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Number)) throw new IllegalArgumentException("'" + key + "' must be a number");
        return ((Number) v).intValue();
    }
}
