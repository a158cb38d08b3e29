package dev.sneakerqc.qc.support;

import com.sun.net.httpserver.HttpServer;
import dev.sneakerqc.contract.EventJson;
import dev.sneakerqc.contract.qc.QcProfile;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the catalog behind QC's REST client (a process boundary these tests do not cross): serves the QC
 * profiles a test puts in, and can be taken down (connections refused) and brought back on the same port.
 */
public final class CatalogStub {

    private static final CatalogStub INSTANCE = new CatalogStub();

    private final Map<String, QcProfile> profiles = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final int port;
    private HttpServer server;

    private CatalogStub() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CatalogStub instance() {
        return INSTANCE;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public void putProfile(QcProfile profile) {
        profiles.put(profile.styleCode(), profile);
    }

    public int requests() {
        return requests.get();
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the catalog stub on port " + port, e);
        }
        server.createContext("/api/models/", exchange -> {
            requests.incrementAndGet();
            String[] parts = exchange.getRequestURI().getPath().split("/");
            // /api/models/{styleCode}/qc-profile
            QcProfile profile = parts.length == 5 && "qc-profile".equals(parts[4]) ? profiles.get(parts[3]) : null;
            byte[] body = profile == null
                    ? "{\"type\":\"urn:sneakerqc:problem:not-found\",\"status\":404}".getBytes(StandardCharsets.UTF_8)
                    : EventJson.mapper().writeValueAsBytes(profile);
            exchange.getResponseHeaders().add("Content-Type",
                    profile == null ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(profile == null ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** Takes the catalog down: connections are refused until {@link #start()}. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }
}
