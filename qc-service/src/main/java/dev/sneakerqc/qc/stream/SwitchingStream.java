package dev.sneakerqc.qc.stream;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;

/**
 * A stream of lots: one factory making one model line. The aggregate of the switching events; its row is
 * locked while the stream changes, so its events are numbered without gaps.
 */
@Entity
@Table(name = "switching_stream")
@IdClass(SwitchingStream.Key.class)
public class SwitchingStream {

    /** Primary key: factory and line. */
    public record Key(String factoryCode, String line) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "factory_code")
    private String factoryCode;
    @Id
    private String line;
    @Column(name = "last_event_sequence")
    private long lastEventSequence;

    protected SwitchingStream() {
    }

    public SwitchingStream(String factoryCode, String line) {
        this.factoryCode = factoryCode;
        this.line = line;
    }

    /** The sequence of the stream's next event. */
    public long nextEventSequence() {
        return ++lastEventSequence;
    }

    public String factoryCode() {
        return factoryCode;
    }

    public String line() {
        return line;
    }
}
