package dev.sneakerqc.qc.messaging;

import dev.sneakerqc.contract.Topics;
import dev.sneakerqc.qc.config.QcConfig;
import dev.sneakerqc.support.consumer.ConsumerRegistry;
import dev.sneakerqc.support.consumer.ConsumerSettings;
import dev.sneakerqc.support.consumer.DeadLetterPublisher;
import dev.sneakerqc.support.consumer.ManagedConsumer;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Consumes {@code production-events} in group {@code qc.consumer.group-id} ({@code qc.consumer.enabled}), with
 * {@code qc.consumer.threads} consumers.
 */
@Singleton
public class ProductionEventsConsumer extends ManagedConsumer {

    public ProductionEventsConsumer(QcConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
                                    ProductionEventHandler handler, DeadLetterPublisher deadLetters,
                                    ConsumerRegistry registry) {
        super(ConsumerSettings.of(Topics.PRODUCTION_EVENTS, config.consumer().groupId())
                        .withMaxPollRecords(config.consumer().maxPollRecords())
                        .withConsumers(config.consumer().threads())
                        .withCommitInterval(config.consumer().commitInterval()),
                config.consumer().enabled(), kafka, handler, deadLetters, registry);
    }
}
