package io.clickstream.load.ledger;

import io.clickstream.event.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the sessions analytics must find in the acknowledged events (docs/architecture.md,
 * "Sessions"): one user key's events with one {@code session_id}, in event time, split where two
 * consecutive events are more than the session gap apart. Pure.
 *
 * @param gap    the inactivity gap that splits a session ({@code --session-gap}, default 30 min)
 * @param funnel the funnel whose steps each session is matched against
 */
public record SessionCalculator(Duration gap, FunnelDefinition funnel) {

    public static final Duration DEFAULT_GAP = Duration.ofMinutes(30);

    /**
     * One session.
     *
     * @param userKey        its user key
     * @param end            its last event's {@code ts}: it counts in the windows of this instant
     * @param durationMillis end − start
     * @param pageViews      its page views
     * @param bounced        a single event, a page view
     * @param reachedSteps   funnel steps reached in order (0 … steps)
     */
    public record SessionSummary(String userKey, Instant end, long durationMillis, long pageViews, boolean bounced,
                                 int reachedSteps) {
    }

    private static final Comparator<Delivery> EVENT_TIME = Comparator.comparing(Delivery::ts)
            .thenComparing(Delivery::eventId, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** The sessions of these (acknowledged, de-duplicated) events, in no particular order. */
    public List<SessionSummary> sessions(List<Delivery> events) {
        Map<String, List<Delivery>> byKey = new HashMap<>();
        for (Delivery d : events) {
            String session = d.sessionId() == null ? "" : d.sessionId();
            byKey.computeIfAbsent(d.partitionKey() + '\u0000' + session, k -> new ArrayList<>()).add(d);
        }
        List<SessionSummary> out = new ArrayList<>();
        long gapMillis = gap.toMillis();
        for (List<Delivery> group : byKey.values()) {
            group.sort(EVENT_TIME);
            int from = 0;
            for (int i = 1; i <= group.size(); i++) {
                if (i == group.size()
                        || group.get(i).ts().toEpochMilli() - group.get(i - 1).ts().toEpochMilli() > gapMillis) {
                    out.add(summarise(group.subList(from, i)));
                    from = i;
                }
            }
        }
        return out;
    }

    private SessionSummary summarise(List<Delivery> session) {
        Delivery first = session.get(0);
        Delivery last = session.get(session.size() - 1);
        long pageViews = session.stream().filter(d -> d.type() == EventType.PAGE_VIEW).count();
        boolean bounced = session.size() == 1 && first.type() == EventType.PAGE_VIEW;
        return new SessionSummary(first.partitionKey(), last.ts(),
                last.ts().toEpochMilli() - first.ts().toEpochMilli(), pageViews, bounced, funnel.reached(session));
    }
}
