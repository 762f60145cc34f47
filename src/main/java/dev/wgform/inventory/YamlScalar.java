package dev.wgform.inventory;

import dev.wgform.model.SourceRef;

/** A scalar with the type YAML 1.1 resolved for it (as Ansible's PyYAML does: yes/no are booleans). */
record YamlScalar(String text, Type type, SourceRef where) implements YamlNode {
    enum Type { STRING, INT, FLOAT, BOOL, NULL }

    YamlScalar {
        text = text == null ? "" : text;
    }

    boolean isNull() {
        return type == Type.NULL;
    }

    @Override
    public String describe() {
        switch (type) {
            case NULL: return "an empty value";
            case BOOL: return "the true/false value '" + text + "'";
            case INT:
            case FLOAT: return "the number " + text;
            default: return "the text '" + text + "'";
        }
    }
}
