package dev.wgform.inventory;

import dev.wgform.model.SourceRef;

/**
 * One variable as written: in an inventory file's {@code vars:} or host entry, or in a
 * group_vars/host_vars file. {@code path} is its YAML path in that file, used as the problem key.
 */
record VarDef(String name, YamlNode value, SourceRef keyWhere, String path) {
}
