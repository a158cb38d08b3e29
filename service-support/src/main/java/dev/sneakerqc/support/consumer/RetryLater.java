package dev.sneakerqc.support.consumer;

/**
 * Marks a failure that passes by itself (the service is in maintenance, say): a consumer batch failing with it is
 * retried with backoff, never dead-lettered.
 */
public interface RetryLater {
}
