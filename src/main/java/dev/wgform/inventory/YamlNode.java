package dev.wgform.inventory;

import dev.wgform.model.SourceRef;

/**
 * A YAML value as plain data (map, list or scalar) with the place it was written.
 * The loader walks these trees itself; nothing is ever constructed from a YAML tag.
 */
sealed interface YamlNode permits YamlMap, YamlList, YamlScalar {
    SourceRef where();

    /** How the value is named in messages ("a map", "a list", "text 'x'"). */
    String describe();
}
