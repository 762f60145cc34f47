package dev.wgform.inventory;

import dev.wgform.model.SourceRef;
import java.util.List;
import java.util.Optional;

/** A YAML map in document order; keys are unique (duplicates are reported while reading). */
record YamlMap(List<YamlEntry> entries, SourceRef where) implements YamlNode {
    YamlMap {
        entries = List.copyOf(entries);
    }

    Optional<YamlEntry> entry(String key) {
        return entries.stream().filter(e -> e.key().equals(key)).findFirst();
    }

    Optional<YamlNode> get(String key) {
        return entry(key).map(YamlEntry::value);
    }

    @Override
    public String describe() {
        return "a map";
    }
}
