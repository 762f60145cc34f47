package dev.wgform.inventory;

import dev.wgform.model.SourceRef;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each value of a playbook was written, by YAML path ({@code planes.mgmt.port},
 * {@code services.nginx.hosts[0]}), so checks made after parsing can point at the right line.
 * A path never recorded falls back to its nearest recorded parent, then to the file.
 */
final class Refs {
    private final String file;
    private final Map<String, SourceRef> byPath = new HashMap<>();

    Refs(String file) {
        this.file = file;
    }

    void put(String path, SourceRef where) {
        byPath.put(path, where);
    }

    SourceRef at(String path) {
        String p = path;
        while (!p.isEmpty()) {
            SourceRef r = byPath.get(p);
            if (r != null) return r;
            p = parent(p);
        }
        return SourceRef.of(file);
    }

    boolean has(String path) {
        return byPath.containsKey(path);
    }

    String file() {
        return file;
    }

    /** Records where every value under {@code node} is, below {@code path}. */
    void record(String path, YamlNode node) {
        put(path, node.where());
        if (node instanceof YamlMap) {
            for (YamlEntry e : ((YamlMap) node).entries()) record(Keys.join(path, e.key()), e.value());
        } else if (node instanceof YamlList) {
            int i = 0;
            for (YamlNode item : ((YamlList) node).items()) record(path + "[" + i++ + "]", item);
        }
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }
}
