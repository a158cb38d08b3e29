package dev.sneakerqc.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Sends HTTP/1.1 requests at fixed times (request i at start + i / rate), whether or not the earlier ones were
 * answered, and measures each one's latency from its scheduled time, not from when it happened to be sent (no
 * coordinated omission). Everything happens on the calling thread: one selector, keep-alive connections each
 * carrying one request at a time, a new connection when all are busy (up to {@link #MAX_CONNECTIONS}; beyond it a
 * request waits for one, its wait counted in its latency).
 *
 * <p>It replaces the JDK's {@code HttpClient}, whose hand-offs between the caller, its selector thread and its
 * executor took 0.18–0.24 of a core of this 2-core machine at 500 stage changes a second (360–480 µs a request),
 * CPU taken from the system it measures; this loop takes 0.04–0.07 (see bench/HISTORY.md, "A load generator on
 * one thread").
 */
final class OpenLoopHttp {

    /** What a run measured; latencies in nanoseconds from each request's scheduled time. */
    record Outcome(long sendingNanos, Histogram latencies, long failures, String firstFailure) {
    }

    static final int MAX_CONNECTIONS = 512;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final long HIGHEST_LATENCY = Duration.ofMinutes(2).toNanos();
    private static final long CHECK_TIMEOUTS_EVERY = Duration.ofMillis(100).toNanos();

    private final InetSocketAddress address;
    private final long answerTimeoutNanos;
    private final long allAnsweredNanos;

    OpenLoopHttp(URI server, Duration answerTimeout, Duration allAnswered) {
        int port = server.getPort() >= 0 ? server.getPort() : 80;
        if (!"http".equals(server.getScheme())) {
            throw new IllegalArgumentException("only http:// is supported: " + server);
        }
        this.address = new InetSocketAddress(server.getHost(), port);
        this.answerTimeoutNanos = answerTimeout.toNanos();
        this.allAnsweredNanos = allAnswered.toNanos();
    }

    /** The head of a request: method, target and headers, {@code Host} and {@code Content-Length} included. */
    String head(String method, String target, String contentType, int contentLength) {
        return method + " " + target + " HTTP/1.1\r\nHost: " + address.getHostString() + ":" + address.getPort()
                + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + contentLength
                + "\r\nAccept: application/json\r\n\r\n";
    }

    /**
     * Sends {@code count} requests at {@code rate} a second, the first 100 ms from now; {@code request} gives
     * request i's bytes. Returns once each is answered, failed or timed out.
     *
     * @throws BenchFailure if not all are answered within the time given for all after the last was sent
     */
    Outcome run(int count, int rate, IntFunction<byte[]> request) {
        try (Selector selector = Selector.open()) {
            return new Run(selector, count, rate, request).go();
        } catch (IOException e) {
            throw new BenchFailure("the load generator's selector failed: " + e, e);
        }
    }

    /** One request on its way: when it was due, and which it is. */
    private record Exchange(int index, long scheduled, long sentAt) {
    }

    /** A keep-alive connection carrying at most one request at a time. */
    private static final class Connection {
        final SocketChannel channel;
        final SelectionKey key;
        final Http1ResponseReader reader = new Http1ResponseReader();
        ByteBuffer unsent;
        Exchange exchange;

        Connection(SocketChannel channel, SelectionKey key) {
            this.channel = channel;
            this.key = key;
        }
    }

    private final class Run {
        private final Selector selector;
        private final int count;
        private final IntFunction<byte[]> request;
        private final long start;
        private final long interval;
        private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
        private final ArrayDeque<Connection> idle = new ArrayDeque<>();
        private final List<Connection> busy = new ArrayList<>();
        private final ArrayDeque<Integer> waiting = new ArrayDeque<>();
        private final Histogram latencies = new Histogram(HIGHEST_LATENCY, 3);
        private int open;
        private int next;
        private int finished;
        private long lastSent;
        private long failures;
        private String firstFailure;
        private long timeoutsCheckedAt;

        Run(Selector selector, int count, int rate, IntFunction<byte[]> request) {
            this.selector = selector;
            this.count = count;
            this.request = request;
            this.interval = 1_000_000_000L / rate;
            this.start = System.nanoTime() + 100_000_000L;
        }

        Outcome go() throws IOException {
            try {
                while (finished < count) {
                    long now = System.nanoTime();
                    while (next < count && scheduled(next) <= now) {
                        waiting.add(next++);
                    }
                    sendWaiting();
                    if (next == count && now - lastSent > allAnsweredNanos) {
                        throw new BenchFailure((count - finished) + " of " + count + " requests not answered within "
                                + Duration.ofNanos(allAnsweredNanos) + " of the last one sent");
                    }
                    if (now - timeoutsCheckedAt > CHECK_TIMEOUTS_EVERY) {
                        failTimedOut(now);
                        timeoutsCheckedAt = now;
                    }
                    await(next < count ? scheduled(next) - System.nanoTime() : CHECK_TIMEOUTS_EVERY);
                    handleReady();
                }
                return new Outcome(lastSent - start, latencies, failures, firstFailure);
            } finally {
                idle.forEach(this::closeQuietly);
                busy.forEach(this::closeQuietly);
            }
        }

        private long scheduled(int index) {
            return start + index * interval;
        }

        private void sendWaiting() {
            while (!waiting.isEmpty()) {
                Connection connection = idle.poll();
                if (connection == null) {
                    if (open >= MAX_CONNECTIONS) {
                        return;
                    }
                    int index = waiting.peek();
                    try {
                        connection = connect();
                    } catch (IOException e) {
                        waiting.poll();
                        lastSent = System.nanoTime();
                        finish(index, scheduled(index), "connecting to " + address + " failed: " + e);
                        continue;
                    }
                }
                send(connection, waiting.poll());
            }
        }

        private Connection connect() throws IOException {
            SocketChannel channel = SocketChannel.open();
            try {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.socket().connect(address, (int) CONNECT_TIMEOUT.toMillis());
                channel.configureBlocking(false);
                SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
                Connection connection = new Connection(channel, key);
                key.attach(connection);
                open++;
                return connection;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }

        private void send(Connection connection, int index) {
            long sentAt = System.nanoTime();
            lastSent = sentAt;
            connection.exchange = new Exchange(index, scheduled(index), sentAt);
            busy.add(connection);
            connection.unsent = ByteBuffer.wrap(request.apply(index));
            flush(connection);
        }

        private void flush(Connection connection) {
            try {
                connection.channel.write(connection.unsent);
                if (connection.unsent.hasRemaining()) {
                    connection.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                } else {
                    connection.unsent = null;
                    connection.key.interestOps(SelectionKey.OP_READ);
                }
            } catch (IOException e) {
                fail(connection, "sending failed: " + e);
            }
        }

        private void await(long nanos) throws IOException {
            if (nanos >= 1_000_000L) {
                // Whole milliseconds, rounded down: it wakes up before the next request is due, not after.
                selector.select(nanos / 1_000_000L);
            } else if (nanos > 0 && selector.selectNow() == 0) {
                LockSupport.parkNanos(nanos);
            } else {
                selector.selectNow();
            }
        }

        private void handleReady() {
            for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
                SelectionKey key = keys.next();
                keys.remove();
                Connection connection = (Connection) key.attachment();
                if (!key.isValid()) {
                    continue;
                }
                if (key.isWritable() && connection.unsent != null) {
                    flush(connection);
                }
                if (key.isValid() && key.isReadable()) {
                    read(connection);
                }
            }
        }

        private void read(Connection connection) {
            try {
                while (true) {
                    readBuffer.clear();
                    int read = connection.channel.read(readBuffer);
                    if (read == 0) {
                        return;
                    }
                    if (read < 0) {
                        endOfStream(connection);
                        return;
                    }
                    readBuffer.flip();
                    if (connection.exchange == null) {
                        throw new IllegalStateException(read + " bytes from the server with no request on the way");
                    }
                    Http1ResponseReader.Response response = connection.reader.take(readBuffer);
                    if (response != null) {
                        answered(connection, response);
                        return;
                    }
                }
            } catch (IOException | RuntimeException e) {
                fail(connection, "reading the answer failed: " + e);
            }
        }

        private void endOfStream(Connection connection) {
            if (connection.exchange == null) {
                // The server closed an idle keep-alive connection.
                idle.remove(connection);
                close(connection);
                return;
            }
            answered(connection, connection.reader.endOfStream());
        }

        private void answered(Connection connection, Http1ResponseReader.Response response) {
            Exchange exchange = connection.exchange;
            connection.exchange = null;
            busy.remove(connection);
            finish(exchange.index(), exchange.scheduled(), response.status() / 100 == 2 ? null
                    : response.status() + " " + response.body());
            if (response.close()) {
                close(connection);
            } else {
                idle.push(connection);
            }
        }

        private void failTimedOut(long now) {
            for (Connection connection : List.copyOf(busy)) {
                if (now - connection.exchange.sentAt() > answerTimeoutNanos) {
                    fail(connection, "no answer within " + Duration.ofNanos(answerTimeoutNanos));
                }
            }
        }

        /** The request on the connection failed; the connection is closed, as its state is unknown. */
        private void fail(Connection connection, String why) {
            Exchange exchange = connection.exchange;
            connection.exchange = null;
            busy.remove(connection);
            idle.remove(connection);
            close(connection);
            if (exchange != null) {
                finish(exchange.index(), exchange.scheduled(), why);
            }
        }

        private void finish(int index, long scheduled, String failure) {
            latencies.recordValue(Math.min(System.nanoTime() - scheduled, HIGHEST_LATENCY));
            finished++;
            if (failure != null) {
                failures++;
                if (firstFailure == null) {
                    firstFailure = "request " + index + ": " + failure;
                }
            }
        }

        private void close(Connection connection) {
            open--;
            closeQuietly(connection);
        }

        private void closeQuietly(Connection connection) {
            try {
                connection.key.cancel();
                connection.channel.close();
            } catch (IOException ignored) {
                // Nothing more to read from it either way.
            }
        }
    }
}
