package dev.sneakerqc.support.concurrent;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes a background worker that otherwise looks for work every so often: any number of signals while it works
 * make it look once more, at once.
 */
public class WakeUp {

    private final Semaphore permits = new Semaphore(0);

    /** There may be work. Cheap; called after every committing change. */
    public void signal() {
        if (permits.availablePermits() == 0) {
            permits.release();
        }
    }

    /** Waits until signalled or the timeout passes; consumes every signal given so far. */
    public void await(Duration timeout) throws InterruptedException {
        if (permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            permits.drainPermits();
        }
    }
}
