package dev.sneakerqc.support.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Wakes the relay when a transaction that wrote outbox rows has committed. */
@ApplicationScoped
public class OutboxSignal {

    private final Semaphore permits = new Semaphore(0);

    /** Signals that new events may be waiting. Cheap; called after every committing write. */
    public void newEventsCommitted() {
        if (permits.availablePermits() == 0) {
            permits.release();
        }
    }

    /** Waits until signalled or the timeout passes; consumes every signal given so far. */
    void awaitNewEvents(Duration timeout) throws InterruptedException {
        if (permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            permits.drainPermits();
        }
    }
}
