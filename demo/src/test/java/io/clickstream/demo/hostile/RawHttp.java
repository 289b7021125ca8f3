package io.clickstream.demo.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A deliberately raw HTTP/1.1 client: hostile inputs need bytes and headers that well-behaved
 * clients such as {@code java.net.http} refuse to send (invalid UTF-8, 64 KiB headers, odd methods).
 */
final class RawHttp {

    record Response(int status, String body) {
    }

    private RawHttp() {
    }

    static Response send(String host, int port, String method, String path, Map<String, String> headers, byte[] body)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
            head.append("Host: ").append(host).append(':').append(port).append("\r\n");
            head.append("Connection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (body.length > 0 || !method.equals("GET")) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            request.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            request.writeBytes(body);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toByteArray());
                out.flush();
            } catch (IOException e) {
                // The server may answer (e.g. 413) and close before reading a huge body: read what it said.
            }
            InputStream in = socket.getInputStream();
            byte[] all = in.readAllBytes();
            String text = new String(all, StandardCharsets.UTF_8);
            int lineEnd = text.indexOf("\r\n");
            if (lineEnd < 0) {
                throw new IOException("no HTTP status line in response: '" + text + "'");
            }
            String[] statusLine = text.substring(0, lineEnd).split(" ", 3);
            int bodyStart = text.indexOf("\r\n\r\n");
            String responseBody = bodyStart < 0 ? "" : text.substring(bodyStart + 4);
            return new Response(Integer.parseInt(statusLine[1]), responseBody);
        }
    }
}
