package dev.sneakerqc.catalog.rest;

import dev.sneakerqc.contract.production.BatchStatus;
import dev.sneakerqc.contract.production.Component;
import dev.sneakerqc.contract.production.LabelPolicy;
import dev.sneakerqc.contract.production.LabelStatus;
import dev.sneakerqc.contract.production.ProductionStage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Batch bodies packed for the batch cache: deflated with a preset dictionary of what every batch's JSON repeats
 * (its field names, the enums' values, the label's reasons), which takes a body of about 500 bytes to about 150.
 * Unpacking costs a few microseconds a read. A packed body starts with the length of the body unpacked.
 */
final class PackedJson {

    private static final byte[] DICTIONARY = dictionary();
    /**
     * Deflaters kept for reuse: at most two (each holds about 300 KB of native memory); packing happens on a
     * cache miss only. Inflaters are small and kept per thread: every cached read unpacks.
     */
    private static final int KEPT_DEFLATERS = 2;
    private static final ArrayBlockingQueue<Deflater> DEFLATERS = new ArrayBlockingQueue<>(KEPT_DEFLATERS);
    private static final ThreadLocal<Inflater> INFLATERS = ThreadLocal.withInitial(() -> new Inflater(true));
    private static final int LENGTH_BYTES = Integer.BYTES;

    private PackedJson() {
    }

    static byte[] pack(byte[] json) {
        if (json.length == 0) {
            return new byte[LENGTH_BYTES];
        }
        Deflater deflater = DEFLATERS.poll();
        if (deflater == null) {
            deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        }
        try {
            return deflate(deflater, json);
        } finally {
            deflater.reset();
            if (!DEFLATERS.offer(deflater)) {
                deflater.end();
            }
        }
    }

    private static byte[] deflate(Deflater deflater, byte[] json) {
        deflater.setDictionary(DICTIONARY);
        deflater.setInput(json);
        deflater.finish();
        byte[] packed = new byte[LENGTH_BYTES + json.length + 64];
        ByteBuffer.wrap(packed).putInt(json.length);
        int length = LENGTH_BYTES;
        while (!deflater.finished()) {
            if (length == packed.length) {
                packed = Arrays.copyOf(packed, packed.length * 2);
            }
            length += deflater.deflate(packed, length, packed.length - length);
        }
        return Arrays.copyOf(packed, length);
    }

    static byte[] unpack(byte[] packed) {
        if (packed.length == LENGTH_BYTES && ByteBuffer.wrap(packed).getInt() == 0) {
            return new byte[0];
        }
        Inflater inflater = INFLATERS.get();
        inflater.reset();
        inflater.setDictionary(DICTIONARY);
        inflater.setInput(packed, LENGTH_BYTES, packed.length - LENGTH_BYTES);
        byte[] json = new byte[ByteBuffer.wrap(packed).getInt()];
        byte[] beyond = new byte[1];
        try {
            int length = 0;
            while (!inflater.finished()) {
                int inflated = length < json.length ? inflater.inflate(json, length, json.length - length)
                        : inflater.inflate(beyond);
                if (inflated == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("a packed batch body ends early, at " + length + " of its "
                            + json.length + " bytes");
                }
                if (length == json.length && inflated > 0) {
                    throw new IllegalStateException("a packed batch body unpacks to more than its "
                            + json.length + " bytes");
                }
                length += inflated;
            }
            if (length != json.length) {
                throw new IllegalStateException("a packed batch body unpacked to " + length + " of its "
                        + json.length + " bytes");
            }
            return json;
        } catch (DataFormatException e) {
            throw new IllegalStateException("a packed batch body is corrupt", e);
        }
    }

    /**
     * What batch bodies repeat, least frequent first (deflate reaches the end of its dictionary most cheaply):
     * the label's reasons, every enum value, then the fields in the order they are written.
     */
    private static byte[] dictionary() {
        String reasons = "significant component  () is of  origin is below 0.70 (NB_70) is at least 0.98 "
                + "(FTC_ALL_OR_VIRTUALLY_ALL)factory  is in the US and domestic value share 0. is at least 0.70 ";
        String values = Stream.of(BatchStatus.values(), ProductionStage.values(), LabelStatus.values(),
                        LabelPolicy.values(), Component.values())
                .flatMap(Arrays::stream).map(value -> "\"" + value.name() + "\"").collect(Collectors.joining(","));
        String fields = "{\"id\":\"\",\"batchNumber\":\"-20\",\"styleCode\":\"\",\"factoryCode\":\"\",\"quantity\":"
                + ",\"status\":\"IN_PRODUCTION\",\"stage\":null,\"nextStage\":null,\"label\":\"MADE_IN_USA\","
                + "\"labelReason\":\"factory \",\"labelPolicy\":\"NB_70\",\"domesticValueShare\":0.,"
                + "\"materialLots\":[{\"component\":\"\",\"supplierLotNumber\":\"\"}],\"plannedAt\":\"20-T:.Z\","
                + "\"updatedAt\":\"20";
        return (reasons + values + fields).getBytes(StandardCharsets.UTF_8);
    }
}
