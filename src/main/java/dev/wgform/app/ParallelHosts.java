package dev.wgform.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs one task per host with at most {@code parallel} at once. Results come back in the order the hosts were
 * given (inventory order), whatever order they finished in, so output is stable from run to run.
 * A task reports its own failures in its result; an exception escaping a task is a bug and is rethrown.
 */
final class ParallelHosts {
    /** One host's work. */
    @FunctionalInterface
    interface Task<I, O> {
        O run(I item) throws Exception;
    }

    private ParallelHosts() {}

    static <I, O> List<O> map(int parallel, List<I> items, Task<I, O> task) {
        if (items.isEmpty()) return List.of();
        int threads = Math.max(1, Math.min(parallel, items.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "wgform-host");
            t.setDaemon(true); // a hung host must not keep the JVM alive after the run gave up on it
            return t;
        });
        try {
            List<Future<O>> futures = new ArrayList<>(items.size());
            for (I item : items) futures.add(pool.submit(() -> task.run(item)));
            List<O> out = new ArrayList<>(items.size());
            for (Future<O> f : futures) out.add(f.get());
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while working on hosts", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) throw (RuntimeException) cause;
            if (cause instanceof Error) throw (Error) cause;
            throw new IllegalStateException(cause.getMessage(), cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
