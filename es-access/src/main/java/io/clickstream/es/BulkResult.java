package io.clickstream.es;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The items of one {@code _bulk} request that Elasticsearch did not store; empty when every item
 * succeeded. Positions refer to the list of documents sent.
 */
public record BulkResult(List<Failure> failures) {

    /** Item {@code position} failed with {@code status}; {@code error} is Elasticsearch's reason. */
    public record Failure(int position, int status, JsonNode error) {

        /** 429 or 5xx: the item may succeed when sent again. */
        public boolean retryable() {
            return status == 429 || status >= 500;
        }
    }

    public boolean ok() {
        return failures.isEmpty();
    }
}
