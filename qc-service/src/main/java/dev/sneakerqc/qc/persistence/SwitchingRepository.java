package dev.sneakerqc.qc.persistence;

import dev.sneakerqc.contract.qc.DefectClass;
import dev.sneakerqc.qc.stream.StreamLot;
import dev.sneakerqc.qc.stream.SwitchingState;
import dev.sneakerqc.qc.stream.SwitchingStream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Streams of lots, their switching state per class, and their history. */
@ApplicationScoped
public class SwitchingRepository {

    private final EntityManager entityManager;

    public SwitchingRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The stream, created when first seen, locked until the transaction ends. */
    public SwitchingStream lockStream(String factoryCode, String line) {
        entityManager.createNativeQuery("""
                        insert into switching_stream (factory_code, line) values (?1, ?2)
                        on conflict (factory_code, line) do nothing""")
                .setParameter(1, factoryCode)
                .setParameter(2, line)
                .executeUpdate();
        return entityManager.find(SwitchingStream.class, new SwitchingStream.Key(factoryCode, line),
                LockModeType.PESSIMISTIC_WRITE);
    }

    public Optional<SwitchingStream> findStream(String factoryCode, String line) {
        return Optional.ofNullable(entityManager.find(SwitchingStream.class,
                new SwitchingStream.Key(factoryCode, line)));
    }

    /** The class's switching state; a class never judged starts at normal inspection. */
    public SwitchingState state(String factoryCode, String line, DefectClass defectClass, Instant now) {
        SwitchingState state = entityManager.find(SwitchingState.class,
                new SwitchingState.Key(factoryCode, line, defectClass));
        if (state == null) {
            state = new SwitchingState(factoryCode, line, defectClass, now);
            entityManager.persist(state);
        }
        return state;
    }

    /**
     * The stored switching states of a stream (classes never judged have none).
     *
     * <p>This query and {@link #discontinuedStreams} are in SQL, not HQL: the consumer of production events and the
     * inspection opener run them in every round, and a fresh instance would otherwise parse HQL for the first time
     * on those threads, in each of them at once, while it catches up on a backlog (see {@code bench/HISTORY.md},
     * "The JIT's work in a catch-up").
     */
    public List<SwitchingState> statesOf(String factoryCode, String line) {
        return entityManager.createNativeQuery("""
                        select * from switching_state where factory_code = ?1 and line = ?2
                         order by defect_class""", SwitchingState.class)
                .setParameter(1, factoryCode)
                .setParameter(2, line)
                .getResultList();
    }

    /** The streams (factory code and line) with a discontinued class. */
    @SuppressWarnings("unchecked")
    public List<Object[]> discontinuedStreams() {
        return entityManager.createNativeQuery(
                        "select distinct factory_code, line from switching_state where discontinued")
                .getResultList();
    }

    public List<SwitchingStream> allStreams() {
        return entityManager.createQuery("from SwitchingStream order by factoryCode, line", SwitchingStream.class)
                .getResultList();
    }

    public void record(StreamLot lot) {
        entityManager.persist(lot);
    }

    public List<StreamLot> recentLots(String factoryCode, String line, int limit) {
        return entityManager.createQuery("""
                        from StreamLot where factoryCode = :factoryCode and line = :line order by id desc""",
                        StreamLot.class)
                .setParameter("factoryCode", factoryCode)
                .setParameter("line", line)
                .setMaxResults(limit)
                .getResultList();
    }

    public void record(dev.sneakerqc.qc.stream.CorrectiveAction action) {
        entityManager.persist(action);
    }
}
