package io.clickstream.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kibana/import.sh} against an HTTP endpoint that answers the two Kibana APIs it calls the way
 * Kibana 8.19 does (Kibana itself cannot be installed here): it waits while {@code /api/status} is not
 * available, sends the NDJSON as a multipart upload with {@code kbn-xsrf} and {@code overwrite=true},
 * and fails with Kibana's answer when the import is refused or Kibana never comes up.
 */
class ImportScriptTest {

    private static final Path SCRIPT = GeneratedFilesTest.ROOT.resolve("kibana/import.sh");
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    record Result(int exit, String output) {}

    @Test
    void waitsForKibanaThenImportsWithOverwrite() throws Exception {
        AtomicInteger statusCalls = new AtomicInteger();
        List<String> imports = new CopyOnWriteArrayList<>();
        String url = serve(statusCalls, imports, "{\"success\":true,\"successCount\":18,\"successResults\":[]}");
        Result r = run(url, 30);
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(statusCalls.get()).isGreaterThanOrEqualTo(2);
        assertThat(imports).hasSize(1);
        assertThat(imports.get(0)).contains("overwrite=true").contains("kbn-xsrf=true").contains("multipart/form-data")
                .contains("\"id\":\"clickstream-realtime\"");
        assertThat(r.output()).contains("imported 18 saved objects");
    }

    @Test
    void aRefusedImportExitsNonZeroWithKibanasAnswer() throws Exception {
        String url = serve(new AtomicInteger(1), new CopyOnWriteArrayList<>(),
                "{\"success\":false,\"successCount\":0,\"errors\":[{\"id\":\"clickstream-kpis\",\"error\":{\"type\":\"unknown\"}}]}");
        Result r = run(url, 30);
        assertThat(r.exit()).isNotZero();
        assertThat(r.output()).contains("Kibana refused the import").contains("\"errors\"");
    }

    @Test
    void kibanaThatNeverComesUpIsAClearError() throws Exception {
        Result r = run("http://127.0.0.1:1", 3);
        assertThat(r.exit()).isNotZero();
        assertThat(r.output()).contains("is not available after 3s");
    }

    /** /api/status answers 503 on the first call, then available; the import answers {@code importAnswer}. */
    private String serve(AtomicInteger statusCalls, List<String> imports, String importAnswer) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/status", ex -> {
            boolean ready = statusCalls.incrementAndGet() > 1;
            answer(ex, ready ? 200 : 503, "{\"status\":{\"overall\":{\"level\":\"" + (ready ? "available" : "unavailable") + "\"}}}");
        });
        server.createContext("/api/saved_objects/_import", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            imports.add(ex.getRequestURI().getQuery() + " kbn-xsrf=" + ex.getRequestHeaders().getFirst("kbn-xsrf") + " "
                    + ex.getRequestHeaders().getFirst("Content-Type") + " " + body);
            answer(ex, 200, importAnswer);
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static Result run(String url, int waitSeconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), url).redirectErrorStream(true);
        pb.environment().put("KIBANA_WAIT_SECONDS", String.valueOf(waitSeconds));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
