package dev.sneakerqc.catalog.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sneakerqc.catalog.domain.BatchSnapshot;
import dev.sneakerqc.catalog.persistence.BatchCache;
import dev.sneakerqc.catalog.rest.BatchDto.BatchView;
import dev.sneakerqc.catalog.service.BatchService;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * The body of {@code GET /api/batches/{id}}: held by the {@link BatchCache} while the batch has not changed
 * ({@link PackedJson packed}), else read from the database, written as JSON, and offered to the cache.
 */
@ApplicationScoped
public class BatchBodies {

    private final BatchService batches;
    private final BatchCache cache;
    private final ObjectMapper json;

    public BatchBodies(BatchService batches, BatchCache cache, ObjectMapper json) {
        this.batches = batches;
        this.cache = cache;
        this.json = json;
    }

    /** The body held, or null when the batch must be read ({@link #read}). */
    byte[] held(UUID id) {
        byte[] packed = cache.get(id);
        return packed == null ? null : PackedJson.unpack(packed);
    }

    /**
     * Reads the batch from the database (a blocking call) and, while the cache serves, offers its body to it
     * (packed: a deflate, not worth doing for a cache that would refuse it).
     */
    byte[] read(UUID id) {
        long stamp = cache.stamp(id);
        BatchSnapshot batch = batches.read(id);
        byte[] body = write(BatchView.of(batch));
        if (cache.isServing()) {
            cache.offer(id, batch.lastEventSequence(), PackedJson.pack(body), stamp);
        }
        return body;
    }

    /** Reads the batch from the database (a blocking call), leaving the cache as it is. */
    byte[] readFresh(UUID id) {
        return write(BatchView.of(batches.read(id)));
    }

    private byte[] write(BatchView view) {
        try {
            return json.writeValueAsBytes(view);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("writing batch " + view.id() + " as JSON failed", e);
        }
    }
}
