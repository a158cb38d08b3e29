package dev.sneakerqc.support.outbox;

import dev.sneakerqc.infra.kafka.KafkaBroker;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The readiness check's view of Kafka: asked in the background, so reading it never waits on the broker. */
class KafkaReachabilityTest {

    @Test
    void aBrokerThatIsNotThereIsReportedUnreachableAfterTheFirstReadStartedTheQuestion() throws Exception {
        KafkaReachability kafka = new KafkaReachability(Map.of("bootstrap.servers", "127.0.0.1:" + closedPort()));
        try {
            KafkaReachability.Reading first = kafka.read();
            assertThat(first.checked()).as("the first read, before any answer").isFalse();
            assertThat(first.reachable()).isFalse();

            KafkaReachability.Reading answer = awaitAnswer(kafka);
            assertThat(answer.reachable()).isFalse();
            assertThat(answer.detail()).isNotBlank();
        } finally {
            kafka.close();
        }
    }

    @Test
    void aRunningBrokerIsReachable() throws Exception {
        try (KafkaBroker broker = KafkaBroker.builder().build().start()) {
            KafkaReachability kafka = new KafkaReachability(Map.of("bootstrap.servers", broker.bootstrapServers()));
            try {
                KafkaReachability.Reading answer = awaitAnswer(kafka);
                assertThat(answer.reachable()).as(answer.detail()).isTrue();
                assertThat(answer.detail()).isEqualTo("1 broker(s)");
                assertThat(kafka.read()).as("a fresh answer is served as it is").isEqualTo(answer);
            } finally {
                kafka.close();
            }
        }
    }

    @Test
    void theAnswerFollowsTheBrokerWithoutAnyoneReading() throws Exception {
        try (KafkaBroker broker = KafkaBroker.builder().build().start()) {
            KafkaReachability kafka = new KafkaReachability(Map.of("bootstrap.servers", broker.bootstrapServers()),
                    Duration.ofMillis(500));
            try {
                assertThat(awaitAnswer(kafka).reachable()).isTrue();
                broker.stop();
                Instant stopped = Instant.now();
                // Nobody reads for a while, as when no probe comes; the next read must not be the old answer.
                Thread.sleep(Duration.ofSeconds(5));
                KafkaReachability.Reading afterSilence = kafka.read();
                assertThat(afterSilence.reachable()).as(afterSilence.detail()).isFalse();
                assertThat(afterSilence.readAt()).isAfter(stopped);
            } finally {
                kafka.close();
            }
        }
    }

    private static KafkaReachability.Reading awaitAnswer(KafkaReachability kafka) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        KafkaReachability.Reading reading = kafka.read();
        while (!reading.checked() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            reading = kafka.read();
        }
        assertThat(reading.checked()).as("an answer within 30 s").isTrue();
        return reading;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
