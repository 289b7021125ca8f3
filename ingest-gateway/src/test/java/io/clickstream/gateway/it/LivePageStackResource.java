package io.clickstream.gateway.it;

import io.clickstream.stack.LocalStack;

/**
 * The same Kafka and Elasticsearch as {@link ElasticsearchStackResource}, in a work directory of its
 * own, so the live page's browser test starts from empty indices whatever the query API's test wrote.
 */
public class LivePageStackResource extends ElasticsearchStackResource {

    public static LocalStack stack() {
        return running(LivePageStackResource.class);
    }
}
