package cn.anxing.bus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.IntFunction;

/**
 * The planner's worker threads, shared by its steps (stop candidates, walking matrices, paths):
 * one place that splits a task by index and gives back the first failure as it was thrown.
 *
 * @param workers     threads for the work; the caller must not be one of them
 * @param parallelism how many of them to use, at least one
 */
record ParallelTasks(ExecutorService workers, int parallelism) {

    /** {@code task(0..count-1)} on the workers, results in index order. */
    <R> List<R> map(int count, IntFunction<R> task) {
        List<R> results = new ArrayList<>(Collections.nCopies(count, null));
        int slices = Math.max(1, Math.min(parallelism, count));
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int slice = 0; slice < slices; slice++) {
            int first = slice;
            running.add(CompletableFuture.runAsync(() -> {
                for (int i = first; i < count; i += slices) {
                    R result = task.apply(i);
                    synchronized (results) {
                        results.set(i, result);
                    }
                }
            }, workers));
        }
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        return results;
    }
}
