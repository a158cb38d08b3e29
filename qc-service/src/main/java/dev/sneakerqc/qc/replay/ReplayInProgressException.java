package dev.sneakerqc.qc.replay;

import dev.sneakerqc.support.consumer.RetryLater;
import dev.sneakerqc.support.problem.ProblemException;
import dev.sneakerqc.support.problem.ProblemType;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The QC state is being rebuilt: writes are refused (503) and the consumer waits, until the rebuilt state is
 * switched in.
 */
public class ReplayInProgressException extends ProblemException implements RetryLater {

    public ReplayInProgressException(UUID replayId) {
        super(ProblemType.HTTP, 503, "the QC state is being rebuilt (replay " + replayId
                + "); changes are refused until it is switched in, in a few seconds", List.of(),
                Map.of("replayId", replayId.toString(), "retryAfterSeconds", 5));
    }
}
