package dev.wgform.inventory;

import dev.wgform.model.SourceRef;
import java.util.List;

/** A YAML sequence. */
record YamlList(List<YamlNode> items, SourceRef where) implements YamlNode {
    YamlList {
        items = List.copyOf(items);
    }

    @Override
    public String describe() {
        return "a list";
    }
}
