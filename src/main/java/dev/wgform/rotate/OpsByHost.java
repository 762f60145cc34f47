package dev.wgform.rotate;

import dev.wgform.apply.RotationOp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ops collected per host in the order added, each op once (two rotating peers may ask for the same file move). */
final class OpsByHost {
    private final Map<String, List<RotationOp>> ops = new LinkedHashMap<>();

    void add(String host, RotationOp op) {
        List<RotationOp> list = ops.computeIfAbsent(host, h -> new ArrayList<>());
        if (!list.contains(op)) list.add(op);
    }

    Map<String, List<RotationOp>> toMap() {
        Map<String, List<RotationOp>> out = new LinkedHashMap<>();
        ops.forEach((h, l) -> out.put(h, List.copyOf(l)));
        return out;
    }
}
