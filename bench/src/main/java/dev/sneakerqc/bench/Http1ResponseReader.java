package dev.sneakerqc.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads the HTTP/1.1 response to one request from the bytes of a connection as they arrive: framed by
 * {@code Content-Length}, by chunked transfer coding, or by the end of the stream. One response at a time, as
 * {@link OpenLoopHttp} sends one request at a time on a connection.
 */
final class Http1ResponseReader {

    /** The response's status, its body as text (cut to {@link #BODY_KEPT} characters) and whether the connection ends. */
    record Response(int status, String body, boolean close) {
    }

    static final int BODY_KEPT = 500;
    private static final int MAX_HEAD = 64 * 1024;
    private static final int NO_LENGTH = -1;

    private byte[] bytes = new byte[4096];
    private int length;

    /** Takes bytes that arrived; returns the response once it is complete, and forgets it. */
    Response take(ByteBuffer arrived) {
        append(arrived);
        Response response = parse(false);
        if (response != null) {
            length = 0;
        }
        return response;
    }

    /** The connection ended: the response framed by the end of the stream, or a failure if it is cut short. */
    Response endOfStream() {
        Response response = parse(true);
        if (response == null) {
            throw new IllegalStateException(length == 0 ? "the server closed the connection without answering"
                    : "the server closed the connection in the middle of a response (" + length + " bytes)");
        }
        length = 0;
        return response;
    }

    /** Whether part of a response has arrived. */
    boolean started() {
        return length > 0;
    }

    private void append(ByteBuffer arrived) {
        int count = arrived.remaining();
        if (length + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
        }
        arrived.get(bytes, length, count);
        length += count;
    }

    private Response parse(boolean ended) {
        int headEnd = indexOf(bytes, length, 0, "\r\n\r\n");
        if (headEnd < 0) {
            if (length > MAX_HEAD) {
                throw new IllegalStateException("response head longer than " + MAX_HEAD + " bytes");
            }
            return null;
        }
        String[] lines = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = status(lines[0]);
        boolean close = lines[0].startsWith("HTTP/1.0");
        long contentLength = NO_LENGTH;
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new IllegalStateException("malformed header line: " + lines[i]);
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.endsWith("chunked");
                case "connection" -> close = value.contains("close") || (close && !value.contains("keep-alive"));
                default -> { }
            }
        }
        int bodyStart = headEnd + 4;
        if (status / 100 == 1 || status == 204 || status == 304) {
            return complete(status, bodyStart, bodyStart, close);
        }
        if (chunked) {
            return chunked(status, bodyStart, close);
        }
        if (contentLength != NO_LENGTH) {
            long end = bodyStart + contentLength;
            if (length > end) {
                throw new IllegalStateException((length - end) + " bytes after the response's body");
            }
            return length == end ? complete(status, bodyStart, (int) end, close) : null;
        }
        return ended ? complete(status, bodyStart, length, true) : null;
    }

    /** A chunked body: chunks of a hexadecimal size line and that many bytes, up to a chunk of size 0 and trailers. */
    private Response chunked(int status, int bodyStart, boolean close) {
        StringBuilder body = new StringBuilder();
        int at = bodyStart;
        while (true) {
            int lineEnd = indexOf(bytes, length, at, "\r\n");
            if (lineEnd < 0) {
                return null;
            }
            String sizeLine = new String(bytes, at, lineEnd - at, StandardCharsets.ISO_8859_1);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            at = lineEnd + 2;
            if (size == 0) {
                int trailersEnd = indexOf(bytes, length, at, "\r\n");
                while (trailersEnd > at) {
                    at = trailersEnd + 2;
                    trailersEnd = indexOf(bytes, length, at, "\r\n");
                }
                if (trailersEnd < 0) {
                    return null;
                }
                int end = trailersEnd + 2;
                if (length > end) {
                    throw new IllegalStateException((length - end) + " bytes after the response's body");
                }
                return new Response(status, cut(body.toString()), close);
            }
            if (length < at + size + 2) {
                return null;
            }
            if (body.length() < BODY_KEPT) {
                body.append(new String(bytes, at, size, StandardCharsets.UTF_8));
            }
            at += size + 2;
        }
    }

    private Response complete(int status, int bodyStart, int bodyEnd, boolean close) {
        return new Response(status, cut(new String(bytes, bodyStart, bodyEnd - bodyStart, StandardCharsets.UTF_8)),
                close);
    }

    private static String cut(String body) {
        return body.length() <= BODY_KEPT ? body : body.substring(0, BODY_KEPT);
    }

    private static int status(String statusLine) {
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IllegalStateException("not an HTTP/1.x status line: " + statusLine);
        }
        return Integer.parseInt(statusLine.substring(9, 12));
    }

    private static int indexOf(byte[] bytes, int length, int from, String pattern) {
        outer:
        for (int i = from; i <= length - pattern.length(); i++) {
            for (int j = 0; j < pattern.length(); j++) {
                if (bytes[i + j] != pattern.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
