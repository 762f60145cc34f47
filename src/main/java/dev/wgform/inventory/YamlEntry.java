package dev.wgform.inventory;

import dev.wgform.model.SourceRef;

/** One key of a YAML map, with where the key itself was written. */
record YamlEntry(String key, SourceRef keyWhere, YamlNode value) {
}
