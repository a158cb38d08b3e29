package dev.sneakerqc.infra.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback TCP port helpers shared by the launchers: picking a free port and probing whether one accepts. */
public final class FreePorts {

    /** The only address the launched servers listen on. */
    public static final String LOOPBACK = "127.0.0.1";

    private FreePorts() {
    }

    /** A port that was free on 127.0.0.1 a moment ago (the usual bind-to-zero trick). */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free TCP port on " + LOOPBACK, e);
        }
    }

    /** The port if it is 0 (meaning: pick one) or a valid TCP port. */
    public static int requireValid(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Invalid port " + port);
        }
        return port;
    }

    /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 250);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
