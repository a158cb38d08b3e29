package dev.sneakerqc.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A few client threads calling the services at once, as several planners would. */
final class Parallel implements AutoCloseable {

    private final ExecutorService executor;

    Parallel(int threads) {
        executor = Executors.newFixedThreadPool(threads);
    }

    /** Runs every task on the pool and waits for all of them; their results in task order. */
    static <T> List<T> run(int threads, List<Callable<T>> tasks, Duration timeout) {
        try (Parallel parallel = new Parallel(threads)) {
            return parallel.awaitAll(tasks.stream().map(parallel::submit).toList(), timeout);
        }
    }

    <T> Future<T> submit(Callable<T> task) {
        return executor.submit(task);
    }

    /** Waits for the tasks' results in order; the first failure is thrown (as an {@link AssertionError} if one). */
    <T> List<T> awaitAll(List<Future<T>> futures, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<T> results = new ArrayList<>(futures.size());
        for (Future<T> future : futures) {
            try {
                results.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException("a client task failed", e.getCause());
            } catch (TimeoutException e) {
                throw new AssertionError("client tasks did not finish within " + timeout.toSeconds() + " s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return results;
    }

    /** Stops the threads, interrupting tasks still running. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
