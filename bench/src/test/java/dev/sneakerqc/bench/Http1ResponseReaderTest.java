package dev.sneakerqc.bench;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Http1ResponseReaderTest {

    private final Http1ResponseReader reader = new Http1ResponseReader();

    @Test
    void responseWithContentLengthIsCompleteOnlyWithItsLastByte() {
        String response = "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\ncontent-length: 11\r\n\r\n{\"ok\":true}";
        assertThat(feedBytewise(response.substring(0, response.length() - 1))).isNull();
        Http1ResponseReader.Response complete = reader.take(bytes("}"));
        assertThat(complete).isEqualTo(new Http1ResponseReader.Response(201, "{\"ok\":true}", false));
        assertThat(reader.started()).isFalse();
        // The next response on the same connection starts afresh.
        assertThat(reader.take(bytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")))
                .isEqualTo(new Http1ResponseReader.Response(200, "", false));
    }

    @Test
    void chunkedBodyWithExtensionsAndTrailersArrivingByteByByte() {
        String response = "HTTP/1.1 409 Conflict\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: 1\r\n\r\n";
        assertThat(feedBytewise(response.substring(0, response.length() - 1))).isNull();
        assertThat(reader.take(bytes("\n"))).isEqualTo(new Http1ResponseReader.Response(409, "hello, world", false));
    }

    @Test
    void closeIsReadFromTheConnectionHeaderAndFromHttp10() {
        assertThat(reader.take(bytes("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok")).close())
                .isTrue();
        assertThat(reader.take(bytes("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok")).close()).isTrue();
        assertThat(reader.take(bytes("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok"))
                .close()).isFalse();
    }

    @Test
    void bodyWithoutLengthEndsWithTheStream() {
        assertThat(reader.take(bytes("HTTP/1.1 500 Oops\r\n\r\npartial"))).isNull();
        assertThat(reader.endOfStream()).isEqualTo(new Http1ResponseReader.Response(500, "partial", true));
    }

    @Test
    void noContentHasNoBody() {
        assertThat(reader.take(bytes("HTTP/1.1 204 No Content\r\n\r\n")))
                .isEqualTo(new Http1ResponseReader.Response(204, "", false));
    }

    @Test
    void responseCutShortOrFollowedByStrayBytesFails() {
        assertThat(reader.take(bytes("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"))).isNull();
        assertThatThrownBy(reader::endOfStream).hasMessageContaining("in the middle of a response");

        Http1ResponseReader other = new Http1ResponseReader();
        assertThatThrownBy(() -> other.take(bytes("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nab")))
                .hasMessageContaining("1 bytes after the response's body");
        assertThatThrownBy(new Http1ResponseReader()::endOfStream).hasMessageContaining("without answering");
        assertThatThrownBy(() -> new Http1ResponseReader().take(bytes("SSH-2.0-OpenSSH\r\n\r\n")))
                .hasMessageContaining("not an HTTP/1.x status line");
    }

    @Test
    void keptBodyIsCut() {
        String body = "x".repeat(2_000);
        Http1ResponseReader.Response response = reader.take(bytes("HTTP/1.1 400 Bad\r\nContent-Length: 2000\r\n\r\n"
                + body));
        assertThat(response.body()).hasSize(Http1ResponseReader.BODY_KEPT);
    }

    private Http1ResponseReader.Response feedBytewise(String text) {
        Http1ResponseReader.Response last = null;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            last = reader.take(ByteBuffer.wrap(new byte[] {b}));
            assertThat(last).isNull();
        }
        return last;
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
