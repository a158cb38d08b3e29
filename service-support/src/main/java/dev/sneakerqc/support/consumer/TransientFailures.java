package dev.sneakerqc.support.consumer;

import org.apache.kafka.common.errors.RetriableException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Tells failures that pass by themselves (database or broker away, lock conflicts) from failures a record causes
 * every time. A batch failing transiently is retried for as long as it takes; a record failing otherwise is, after
 * a few attempts alone, dead-lettered so that it cannot stop the consumer.
 */
final class TransientFailures {

    /** SQLSTATE classes and codes of failures that pass: connection, serialization, deadlock, shutdown, resources. */
    private static final Set<String> TRANSIENT_STATE_CLASSES = Set.of("08", "53", "57");
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "55P03");

    private TransientFailures() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RetryLater || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof RetriableException
                    || cause instanceof DeadLetterPublisher.DeadLetterFailedException) {
                return true;
            }
            String name = cause.getClass().getName();
            if (name.equals("org.hibernate.exception.JDBCConnectionException")
                    || name.equals("org.hibernate.exception.LockAcquisitionException")
                    || name.equals("jakarta.persistence.PessimisticLockException")
                    || name.equals("jakarta.persistence.LockTimeoutException")) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (TRANSIENT_STATES.contains(state)
                        || state.length() >= 2 && TRANSIENT_STATE_CLASSES.contains(state.substring(0, 2))) {
                    return true;
                }
            }
        }
        return false;
    }
}
