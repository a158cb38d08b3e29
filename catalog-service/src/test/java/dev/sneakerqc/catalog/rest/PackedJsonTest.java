package dev.sneakerqc.catalog.rest;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PackedJsonTest {

    private static final String BODY = """
            {"id":"01a23552-9581-7223-aff5-2bdf99dc3069","batchNumber":"SKO-2026-000123","styleCode":"M990GL6",\
            "factoryCode":"SKO","quantity":1200,"status":"IN_PRODUCTION","stage":"STITCHED","nextStage":"LASTED",\
            "label":"MADE_IN_USA","labelReason":"factory SKO is in the US and domestic value share 0.8125 is at \
            least 0.70 (NB_70)","labelPolicy":"NB_70","domesticValueShare":0.8125,"materialLots":[{"component":\
            "OUTSOLE","supplierLotNumber":"VIB-22-0917"},{"component":"UPPER","supplierLotNumber":"CH-2026-044"}],\
            "plannedAt":"2026-12-02T05:55:34.400175Z","updatedAt":"2026-12-02T06:41:02.091300Z"}""";

    @Test
    void aBatchBodyComesBackAsItWasInAThirdOfTheBytes() {
        byte[] json = BODY.getBytes(StandardCharsets.UTF_8);

        byte[] packed = PackedJson.pack(json);

        assertThat(PackedJson.unpack(packed)).isEqualTo(json);
        assertThat(packed.length).isLessThan(json.length / 3);
    }

    @Test
    void anyBytesComeBackAsTheyWere() {
        Random random = new Random(7);
        for (int length : new int[]{0, 1, 100, 5_000, 100_000}) {
            byte[] noise = new byte[length];
            random.nextBytes(noise);
            assertThat(PackedJson.unpack(PackedJson.pack(noise))).isEqualTo(noise);
        }
    }

    @Test
    void aDamagedBodyIsNotPassedOff() {
        byte[] packed = PackedJson.pack(BODY.getBytes(StandardCharsets.UTF_8));
        byte[] cut = java.util.Arrays.copyOf(packed, packed.length - 10);

        assertThatThrownBy(() -> PackedJson.unpack(cut)).isInstanceOf(IllegalStateException.class);
    }
}
