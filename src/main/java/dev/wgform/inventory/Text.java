package dev.wgform.inventory;

import dev.wgform.model.SourceRef;

/** A text value and where it was written, for names that are checked later (members, hosts). */
record Text(String value, SourceRef where) {
}
