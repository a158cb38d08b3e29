package dev.sneakerqc.support.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;

/**
 * Applies a batch of records from one poll, inside one database transaction that the consumer opens and commits
 * before it commits the records' offsets. Records that can never be applied (not parseable, unknown type or
 * version, invalid) go to {@code deadLetters}; the rest of the batch goes on.
 */
@FunctionalInterface
public interface EventBatchHandler {

    void handle(List<ConsumerRecord<String, byte[]>> records, DeadLetters deadLetters);
}
