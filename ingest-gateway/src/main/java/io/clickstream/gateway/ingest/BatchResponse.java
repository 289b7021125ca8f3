package io.clickstream.gateway.ingest;

import java.util.List;

/** The body of a processed request (200, or 400 for a single rejected event). */
public record BatchResponse(int accepted, int duplicates, int rejected, int dropped, List<EventResult> results) {

    public static BatchResponse of(List<EventResult> results) {
        int accepted = 0;
        int duplicates = 0;
        int rejected = 0;
        int dropped = 0;
        for (EventResult r : results) {
            switch (r.status()) {
                case ACCEPTED -> accepted++;
                case DUPLICATE -> duplicates++;
                case REJECTED -> rejected++;
                case DROPPED -> dropped++;
                case UNKNOWN -> throw new IllegalStateException("an unknown result has no place in a 2xx answer");
            }
        }
        return new BatchResponse(accepted, duplicates, rejected, dropped, results);
    }
}
