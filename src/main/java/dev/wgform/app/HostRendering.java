package dev.wgform.app;

import dev.wgform.desired.HostState;
import dev.wgform.model.InvalidInputException;
import dev.wgform.model.Problem;
import dev.wgform.render.RenderedFile;
import dev.wgform.render.Renderer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Renders many hosts at once (the renderer is thread-safe and big meshes are CPU-bound), keeping
 * inventory order, and gathers every host's problems into one report.
 */
final class HostRendering {
    private final Renderer renderer;

    HostRendering(Renderer renderer) {
        this.renderer = renderer;
    }

    List<List<RenderedFile>> renderAll(List<HostState> states) throws InvalidInputException {
        return eachHost(states, renderer::render);
    }

    /** The paths each host's files would have, with the same checks, without running the templates. */
    List<List<String>> pathsAll(List<HostState> states) throws InvalidInputException {
        return eachHost(states, renderer::paths);
    }

    /** One host's share of the work; its problems are gathered with every other host's. */
    interface HostWork<T> {
        T apply(HostState state) throws InvalidInputException;
    }

    /** {@code work} for every host, on as many threads as there are cores, in inventory order. */
    <T> List<T> eachHost(List<HostState> states, HostWork<T> work) throws InvalidInputException {
        int threads = Math.max(1, Math.min(states.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "wgform-render");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(states.size());
            for (HostState s : states) futures.add(pool.submit(() -> work.apply(s)));
            List<T> out = new ArrayList<>(states.size());
            Set<Problem> problems = new LinkedHashSet<>(); // the same template error shows once, not once per host
            for (Future<T> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof InvalidInputException) problems.addAll(((InvalidInputException) e.getCause()).problems());
                    else if (e.getCause() instanceof RuntimeException) throw (RuntimeException) e.getCause();
                    else throw new IllegalStateException(e.getCause());
                }
            }
            if (!problems.isEmpty()) throw new InvalidInputException(List.copyOf(problems));
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
