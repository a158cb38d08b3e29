package dev.sneakerqc.support.outbox;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the service's topics when missing, before the first event is published: event topics with
 * unlimited retention (the history stays replayable), dead-letter topics with the broker's default.
 * Existing topics are left as they are.
 */
@ApplicationScoped
public class TopicProvisioner {

    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);

    private final Map<String, Object> kafkaConfig;
    private final TopicsConfig topics;
    private volatile boolean done;

    public TopicProvisioner(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, TopicsConfig topics) {
        this.kafkaConfig = kafkaConfig;
        this.topics = topics;
    }

    /**
     * Makes sure the topics exist. Returns false when Kafka could not be reached (try again later); true once
     * they exist, or when the broker does not let this service create topics (then they are an operator's job).
     */
    public boolean ensureTopics() {
        if (done) {
            return true;
        }
        List<NewTopic> wanted = new ArrayList<>();
        topics.events().stream().filter(name -> !name.isBlank())
                .map(name -> newTopic(name).configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")))
                .forEach(wanted::add);
        topics.deadLetters().stream().filter(name -> !name.isBlank()).map(this::newTopic).forEach(wanted::add);
        if (wanted.isEmpty()) {
            done = true;
            return true;
        }
        Map<String, Object> settings = new HashMap<>(kafkaConfig);
        settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "topic-provisioner");
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(settings)) {
            for (var result : admin.createTopics(wanted).values().entrySet()) {
                try {
                    result.getValue().get(15, TimeUnit.SECONDS);
                    LOG.infof("created topic %s", result.getKey());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicExistsException) {
                        continue;
                    }
                    if (e.getCause() instanceof TopicAuthorizationException) {
                        LOG.warnf("not allowed to create topic %s; it must be created by an operator", result.getKey());
                        continue;
                    }
                    throw e;
                }
            }
            done = true;
            return true;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warnf("cannot create topics yet (%s); will retry", e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private NewTopic newTopic(String name) {
        return new NewTopic(name, Optional.of(topics.partitions()), topics.replicationFactor());
    }
}
