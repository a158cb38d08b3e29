package dev.sneakerqc.qc.service;

import dev.sneakerqc.qc.persistence.SwitchingRepository;
import dev.sneakerqc.qc.stream.StreamLot;
import dev.sneakerqc.qc.stream.SwitchingState;
import dev.sneakerqc.qc.stream.SwitchingStream;
import dev.sneakerqc.support.problem.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

/** Reads switching streams with their state per class and their recent lots. */
@ApplicationScoped
@Transactional
public class StreamQueries {

    /** Lots shown per stream. */
    public static final int RECENT_LOTS = 20;

    /**
     * A stream as read.
     *
     * @param stream the stream
     * @param states its classes' switching states (classes never judged have none: normal)
     * @param recent its most recent lots, newest first
     */
    public record StreamRead(SwitchingStream stream, List<SwitchingState> states, List<StreamLot> recent) {
    }

    private final SwitchingRepository switching;

    public StreamQueries(SwitchingRepository switching) {
        this.switching = switching;
    }

    public List<StreamRead> all() {
        return switching.allStreams().stream().map(this::read).toList();
    }

    public StreamRead get(String factoryCode, String line) {
        return read(switching.findStream(factoryCode, line)
                .orElseThrow(() -> Problems.notFound("stream", factoryCode + "/" + line)));
    }

    private StreamRead read(SwitchingStream stream) {
        return new StreamRead(stream, switching.statesOf(stream.factoryCode(), stream.line()),
                switching.recentLots(stream.factoryCode(), stream.line(), RECENT_LOTS));
    }
}
