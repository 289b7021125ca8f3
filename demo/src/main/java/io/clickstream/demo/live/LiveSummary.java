package io.clickstream.demo.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.es.Elasticsearch;
import io.clickstream.es.EsException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The demo's compact live view: events/s into the gateway (from its Prometheus counters), the KPIs of
 * the latest closed sliding window and the latest alerts (from Elasticsearch). Read-only; every
 * source may be briefly unreachable, which shows as "…" rather than an error.
 */
public final class LiveSummary implements AutoCloseable {
    static final String ACCEPTED_METRIC = "clickstream_gateway_events_accepted_total";
    static final String REJECTED_METRIC = "clickstream_gateway_events_rejected_total";

    private final String gatewayUrl;
    private final Elasticsearch es;
    private final String granularity;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private double lastAccepted = -1;
    private long lastPollNanos;

    public LiveSummary(String gatewayUrl, String esUrl, String granularity) {
        this.gatewayUrl = gatewayUrl;
        this.es = Elasticsearch.connect(esUrl, Duration.ofSeconds(2), Duration.ofSeconds(5));
        this.granularity = granularity;
    }

    /** One snapshot, as the lines to print. */
    public List<String> render() {
        List<String> lines = new ArrayList<>();
        lines.add(ingestLine());
        lines.add(kpiLine());
        lines.addAll(alertLines());
        return lines;
    }

    private String ingestLine() {
        Optional<String> metrics = get(gatewayUrl + "/q/metrics");
        if (metrics.isEmpty()) {
            return "gateway  …unreachable";
        }
        double accepted = sumCounter(metrics.get(), ACCEPTED_METRIC);
        double rejected = sumCounter(metrics.get(), REJECTED_METRIC);
        long now = System.nanoTime();
        String rate = "…";
        if (lastAccepted >= 0) {
            double seconds = (now - lastPollNanos) / 1e9;
            rate = String.format(Locale.ROOT, "%,.0f", (accepted - lastAccepted) / seconds);
        }
        lastAccepted = accepted;
        lastPollNanos = now;
        return String.format(Locale.ROOT, "gateway  %s events/s in | accepted %,.0f | rejected %,.0f", rate, accepted, rejected);
    }

    private String kpiLine() {
        String query = """
                {"size":1,"sort":[{"window_end":"desc"}],
                 "query":{"bool":{"filter":[{"term":{"granularity":"%s"}},{"range":{"window_end":{"lte":"%s"}}}],
                                  "must_not":[{"exists":{"field":"dimension"}}]}}}""".formatted(granularity, Instant.now());
        Optional<JsonNode> hit = search("clickstream-kpis", query).flatMap(LiveSummary::firstSource);
        if (hit.isEmpty()) {
            return "KPIs     …waiting for the first window";
        }
        JsonNode k = hit.get();
        return String.format(Locale.ROOT,
                "KPIs     %s–%s  views %,d  clicks %,d  carts %,d  purchases %,d  revenue %,.2f  visitors ~%,d  conversion %.2f%%",
                time(k, "window_start"), time(k, "window_end"), k.path("page_views").asLong(), k.path("clicks").asLong(),
                k.path("add_to_cart").asLong(), k.path("purchases").asLong(), k.path("revenue").asDouble(),
                k.path("unique_visitors").asLong(), 100 * k.path("conversion_rate").asDouble());
    }

    private List<String> alertLines() {
        Optional<JsonNode> result = search("clickstream-alerts", "{\"size\":3,\"sort\":[{\"updated_at\":\"desc\"}],\"track_total_hits\":true}");
        if (result.isEmpty()) {
            return List.of("alerts   none yet");
        }
        JsonNode hits = result.get().path("hits");
        List<String> lines = new ArrayList<>();
        lines.add("alerts   " + hits.path("total").path("value").asLong() + " in total, latest:");
        for (JsonNode hit : hits.path("hits")) {
            JsonNode a = hit.path("_source");
            lines.add(String.format(Locale.ROOT, "         %-22s %-9s %-24s observed %s > %s", a.path("rule").asText(),
                    a.path("severity").asText(), a.path("entity").asText(), a.path("observed").asText(), a.path("threshold").asText()));
        }
        return lines;
    }

    static double sumCounter(String prometheusText, String metric) {
        double sum = 0;
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
                String value = line.substring(line.lastIndexOf(' ') + 1);
                try {
                    sum += Double.parseDouble(value);
                } catch (NumberFormatException ignored) {
                    // a malformed sample line is skipped, the others still add up
                }
            }
        }
        return sum;
    }

    private static Optional<JsonNode> firstSource(JsonNode response) {
        JsonNode hits = response.path("hits").path("hits");
        return hits.isArray() && !hits.isEmpty() ? Optional.of(hits.get(0).path("_source")) : Optional.empty();
    }

    private static String time(JsonNode doc, String field) {
        String iso = doc.path(field).asText();
        int t = iso.indexOf('T');
        return t >= 0 && iso.length() >= t + 9 ? iso.substring(t + 1, t + 9) : iso;
    }

    private Optional<JsonNode> search(String index, String body) {
        try {
            return es.search(index, body);
        } catch (EsException e) {
            return Optional.empty();
        }
    }

    private Optional<String> get(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        es.close();
    }
}
