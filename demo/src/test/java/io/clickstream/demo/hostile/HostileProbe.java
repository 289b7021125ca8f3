package io.clickstream.demo.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.demo.hostile.HostileInputs.HostileInput;
import io.clickstream.event.EventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Throws hostile inputs at a gateway and judges each answer: rejected with a reason, never a 5xx. */
public final class HostileProbe {

    /** The answer to one input; {@code problem} is null when the gateway handled it as it must. */
    public record Outcome(HostileInput input, int status, String body, String problem) {
    }

    private HostileProbe() {
    }

    public static List<Outcome> throwAll(int port, List<HostileInput> inputs) {
        return throwAll(port, "", inputs);
    }

    /**
     * Throws every input with {@code writeKey} as {@code X-Write-Key} (unless it is empty), so that a
     * gateway that requires write keys lets each one reach the validation it is meant to test.
     */
    public static List<Outcome> throwAll(int port, String writeKey, List<HostileInput> inputs) {
        List<Outcome> out = new ArrayList<>();
        for (HostileInput input : inputs) {
            out.add(probe(port, writeKey.isEmpty() ? input : input.withHeader("X-Write-Key", writeKey)));
        }
        return out;
    }

    static Outcome probe(int port, HostileInput input) {
        RawHttp.Response response;
        try {
            response = RawHttp.send("127.0.0.1", port, input.method(), input.path(), input.headers(), input.body());
        } catch (IOException e) {
            return new Outcome(input, -1, "", "no HTTP answer: " + e.getMessage());
        }
        return new Outcome(input, response.status(), response.body(), judge(input, response));
    }

    static String judge(HostileInput input, RawHttp.Response response) {
        int status = response.status();
        if (status >= 500) {
            return "server error " + status + ": " + abbreviate(response.body());
        }
        if (status >= 200 && status < 300) {
            return judgeBatch(response.body());
        }
        if (status < 400) {
            return "unexpected status " + status;
        }
        boolean eventsEndpoint = input.method().equals("POST") && input.path().startsWith("/v1/events");
        // 431 comes from the HTTP layer before any application code; everything else on the events
        // endpoint must say what was wrong.
        if (eventsEndpoint && status != 431 && response.body().isBlank()) {
            return status + " without a reason in the body";
        }
        return null;
    }

    private static String judgeBatch(String body) {
        JsonNode node;
        try {
            node = EventJson.mapper().readTree(body);
        } catch (IOException e) {
            return "2xx with a body that is not JSON: " + abbreviate(body);
        }
        JsonNode results = node.path("results");
        if (!results.isArray() || results.isEmpty()) {
            return "2xx without per-event results: " + abbreviate(body);
        }
        for (JsonNode r : results) {
            if (!"rejected".equals(r.path("status").asText())) {
                return "hostile event answered '" + r.path("status").asText() + "': " + abbreviate(body);
            }
            if (!r.path("errors").isArray() || r.path("errors").isEmpty()) {
                return "rejected without a reason: " + abbreviate(body);
            }
        }
        return null;
    }

    /** Whether a DLQ record's raw text is (a possibly truncated copy of) this input's event or one of its lines. */
    public static boolean sameEvent(String raw, HostileInput input) {
        if (raw.isEmpty()) {
            return false;
        }
        String body = new String(input.body(), StandardCharsets.UTF_8);
        String probe = raw.length() > 200 ? raw.substring(0, 200) : raw;
        return body.contains(probe.strip()) || raw.contains(body.length() > 200 ? body.substring(0, 200) : body);
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }
}
