package dev.sneakerqc.catalog.messaging;

import dev.sneakerqc.catalog.config.CatalogConfig;
import dev.sneakerqc.contract.Topics;
import dev.sneakerqc.support.consumer.ConsumerRegistry;
import dev.sneakerqc.support.consumer.ConsumerSettings;
import dev.sneakerqc.support.consumer.DeadLetterPublisher;
import dev.sneakerqc.support.consumer.ManagedConsumer;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Singleton;

import java.util.Map;

/** Consumes {@code qc-events} in group {@code catalog.consumer.group-id} ({@code catalog.consumer.enabled}). */
@Singleton
public class QcEventsConsumer extends ManagedConsumer {

    public QcEventsConsumer(CatalogConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
                            QcEventHandler handler, DeadLetterPublisher deadLetters, ConsumerRegistry registry) {
        super(ConsumerSettings.of(Topics.QC_EVENTS, config.consumer().groupId()), config.consumer().enabled(),
                kafka, handler, deadLetters, registry);
    }
}
