package dev.sneakerqc.support.admin;

import dev.sneakerqc.support.consumer.DeadLetterPublisher;
import dev.sneakerqc.support.problem.ProblemException;
import dev.sneakerqc.support.problem.ProblemType;
import dev.sneakerqc.support.problem.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Lists dead letters and redrives them: the record goes back to its original topic, unchanged (same key, value
 * and headers, the dead-letter headers removed), so the consumer applies it like any other record, and a replay
 * of the topic sees it at the same place as the live consumer did. A dead letter is redriven once; redriving it
 * again changes nothing.
 */
@ApplicationScoped
public class DeadLetterAdmin {

    /** Header marking a redriven record with the dead letter it came from. */
    public static final String REDRIVEN_FROM = "redriven-from-dead-letter";

    /** A page of dead letters and the total count. */
    public record Found(List<DeadLetter> items, long total) {
    }

    private final EntityManager entityManager;
    private final DeadLetterPublisher publisher;
    private final Clock clock;

    public DeadLetterAdmin(EntityManager entityManager, DeadLetterPublisher publisher, Clock clock) {
        this.entityManager = entityManager;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Transactional
    public Found list(Boolean redriven, int page, int size) {
        String where = redriven == null ? "" : redriven ? " where redrivenAt is not null" : " where redrivenAt is null";
        List<DeadLetter> items = entityManager.createQuery("from DeadLetter" + where + " order by id desc",
                        DeadLetter.class)
                .setFirstResult(page * size)
                .setMaxResults(size)
                .getResultList();
        long total = entityManager.createQuery("select count(*) from DeadLetter" + where, Long.class).getSingleResult();
        return new Found(items, total);
    }

    @Transactional
    public DeadLetter get(long id) {
        DeadLetter deadLetter = entityManager.find(DeadLetter.class, id);
        if (deadLetter == null) {
            throw Problems.notFound("dead letter", id);
        }
        return deadLetter;
    }

    /** Sends the record back to its topic, unless that was done before; returns the dead letter. */
    @Transactional
    public DeadLetter redrive(long id) {
        DeadLetter deadLetter = entityManager.find(DeadLetter.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (deadLetter == null) {
            throw Problems.notFound("dead letter", id);
        }
        if (deadLetter.redrivenAt() != null) {
            return deadLetter;
        }
        RecordHeaders headers = new RecordHeaders();
        for (Map.Entry<String, String> header : deadLetter.headers().entrySet()) {
            if (!header.getKey().startsWith("dead-letter-") && !header.getKey().equals(REDRIVEN_FROM)) {
                headers.add(header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        headers.add(REDRIVEN_FROM, Long.toString(id).getBytes(StandardCharsets.UTF_8));
        try {
            publisher.republish(deadLetter.topic(), deadLetter.key(), deadLetter.payload(), headers);
        } catch (DeadLetterPublisher.DeadLetterFailedException e) {
            throw new ProblemException(ProblemType.HTTP, 503, "Kafka did not take the record back; try again",
                    List.of(), Map.of());
        }
        deadLetter.redriven(clock.instant());
        return deadLetter;
    }
}
