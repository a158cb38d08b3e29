package dev.sneakerqc.support.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Where a consumer puts a record it can never apply, with the reason. */
@FunctionalInterface
public interface DeadLetters {

    void send(ConsumerRecord<String, byte[]> record, String reason);
}
