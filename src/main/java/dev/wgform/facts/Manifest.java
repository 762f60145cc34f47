package dev.wgform.facts;

import dev.wgform.json.JsonReader;
import dev.wgform.view.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * /var/lib/wgform/manifest.json: the files wgform installed on this host, so removed intent can be cleaned up.
 * {@link #toJson()} is the one way to write it: the fact script finds the paths with a line-based sed, so each
 * file entry must sit on a line of its own.
 */
public record Manifest(int version, List<ManagedFile> files) {
    /** The version this wgform writes and the newest it understands. */
    public static final int CURRENT_VERSION = 1;

    public Manifest {
        if (version < 1) throw new IllegalArgumentException("manifest version must be at least 1: " + version);
        files = List.copyOf(files);
    }

    /** One installed file: its path, kind ("wg", "firewall", "service:sshd", ...) and the sha256 of what was installed. */
    public record ManagedFile(String path, String kind, String sha256) {
        public ManagedFile {
            FactScript.checkPath(path);
            if (path.contains("\"") || path.contains("\\")) throw new IllegalArgumentException("no quotes or backslashes in managed paths: " + path);
            if (kind == null || sha256 == null) throw new IllegalArgumentException("kind and sha256 are required");
        }
    }

    /** The manifest as wgform writes it: an object with one file entry per line, ending in a newline. */
    public String toJson() {
        StringBuilder out = new StringBuilder("{\"version\": ").append(version).append(", \"files\": [");
        for (int i = 0; i < files.size(); i++) {
            ManagedFile f = files.get(i);
            out.append(i == 0 ? "\n" : ",\n")
                    .append("  {\"path\": ").append(Json.quote(f.path()))
                    .append(", \"kind\": ").append(Json.quote(f.kind()))
                    .append(", \"sha256\": ").append(Json.quote(f.sha256())).append('}');
        }
        return out.append(files.isEmpty() ? "]}\n" : "\n]}\n").toString();
    }

    /**
     * Reads a manifest; any JSON layout is accepted here.
     *
     * @throws IllegalArgumentException with a line:col or field message when it is not a manifest
     */
    public static Manifest parse(String json) {
        Map<String, Object> root = JsonReader.parseObject(json);
        Object version = root.get("version");
        if (!(version instanceof Long) || (Long) version < 1 || (Long) version > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("\"version\" must be a positive integer, found " + JsonReader.typeName(version));
        }
        Object files = root.get("files");
        if (!(files instanceof List)) throw new IllegalArgumentException("\"files\" must be an array, found " + JsonReader.typeName(files));
        List<ManagedFile> out = new ArrayList<>();
        List<?> list = (List<?>) files;
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map)) throw new IllegalArgumentException("files[" + i + "] must be an object");
            Map<?, ?> entry = (Map<?, ?>) list.get(i);
            try {
                out.add(new ManagedFile(text(entry, "path"), text(entry, "kind"), text(entry, "sha256")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("files[" + i + "]: " + e.getMessage(), e);
            }
        }
        return new Manifest((int) (long) (Long) version, out);
    }

    private static String text(Map<?, ?> entry, String field) {
        Object v = entry.get(field);
        if (!(v instanceof String)) throw new IllegalArgumentException("\"" + field + "\" must be a string, found " + JsonReader.typeName(v));
        return (String) v;
    }
}
