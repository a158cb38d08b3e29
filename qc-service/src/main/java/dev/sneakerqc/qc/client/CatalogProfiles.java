package dev.sneakerqc.qc.client;

import dev.sneakerqc.contract.qc.QcProfile;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.temporal.ChronoUnit;

/**
 * Fetches QC profiles from the catalog, guarded: each call times out after 2 s, is retried twice with
 * exponential backoff, and a circuit breaker stops calling a failing catalog for 10 s. A missing profile (404)
 * is an answer, not a failure: it is neither retried nor counted by the breaker.
 */
@ApplicationScoped
public class CatalogProfiles {

    private final CatalogClient catalog;

    public CatalogProfiles(@RestClient CatalogClient catalog) {
        this.catalog = catalog;
    }

    /**
     * The latest QC profile of a model.
     *
     * @throws ProfileUnavailableException when it cannot be had now; the caller tries again later
     */
    public QcProfile latest(String styleCode) {
        try {
            return guardedLatest(styleCode);
        } catch (ProfileMissing e) {
            throw new ProfileUnavailableException("model " + styleCode + " has no QC profile in the catalog",
                    true, e);
        } catch (CircuitBreakerOpenException e) {
            throw new ProfileUnavailableException("catalog unavailable (circuit breaker open)", false, e);
        } catch (TimeoutException e) {
            throw new ProfileUnavailableException("catalog did not answer in time", false, e);
        } catch (RuntimeException e) {
            throw new ProfileUnavailableException("catalog unreachable: " + rootMessage(e), false, e);
        }
    }

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = ProfileMissing.class)
    @ExponentialBackoff(maxDelay = 2000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1, skipOn = ProfileMissing.class)
    QcProfile guardedLatest(String styleCode) {
        try {
            return catalog.latestQcProfile(styleCode);
        } catch (WebApplicationException e) {
            if (e.getResponse() != null && e.getResponse().getStatus() == 404) {
                throw new ProfileMissing(e);
            }
            throw e;
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** The catalog answered 404. */
    static class ProfileMissing extends RuntimeException {
        ProfileMissing(Throwable cause) {
            super(cause);
        }
    }
}
