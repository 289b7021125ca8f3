package io.clickstream.stack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Free loopback ports for tests, so several builds can share one machine. */
public final class FreePorts {
    private FreePorts() {
    }

    /**
     * {@code count} distinct ports that were free a moment ago. All sockets stay open until every port
     * is chosen, so the ports differ from each other.
     */
    public static List<Integer> pick(int count) {
        return pick(count, List.of());
    }

    /**
     * {@code count} distinct ports that were free a moment ago and are none of {@code taken}: ports
     * already handed to a service that has not bound them yet (the OS may offer such a port again,
     * and two of our own services would then collide).
     */
    public static List<Integer> pick(int count, Collection<Integer> taken) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            while (ports.size() < count) {
                // The socket stays open even when its port is refused, so the OS offers another one next.
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                if (!taken.contains(socket.getLocalPort())) {
                    ports.add(socket.getLocalPort());
                }
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a listening socket we own does not fail in practice
                }
            }
        }
    }

    /** True when nothing listens on 127.0.0.1:{@code port} (we can bind it). */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
