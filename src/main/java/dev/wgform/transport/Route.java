package dev.wgform.transport;

import java.util.List;

/** The jump hosts to pass through, in order, and the target host. */
record Route(List<Hop> jumps, Hop target) {
    Route {
        jumps = List.copyOf(jumps);
    }
}
