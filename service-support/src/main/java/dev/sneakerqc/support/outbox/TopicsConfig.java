package dev.sneakerqc.support.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** The topics a service creates when they are missing ({@code kafka-topics.*}). */
@ConfigMapping(prefix = "kafka-topics")
public interface TopicsConfig {

    /** Event topics: kept forever ({@code retention.ms=-1}) so the history can be replayed. */
    @WithDefault("")
    List<String> events();

    /** Dead-letter topics: broker default retention. */
    @WithDefault("")
    List<String> deadLetters();

    /** Partitions of a created topic. */
    @WithDefault("6")
    int partitions();

    /** Replication factor of a created topic; the broker's default when absent. */
    Optional<Short> replicationFactor();
}
