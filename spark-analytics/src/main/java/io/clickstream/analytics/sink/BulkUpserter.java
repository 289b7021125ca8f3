package io.clickstream.analytics.sink;

import io.clickstream.es.BulkResult;
import io.clickstream.es.Elasticsearch;
import io.clickstream.es.EsDocument;
import io.clickstream.es.EsException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes documents with {@code _bulk} {@code index} actions (deterministic ids, so a replay
 * overwrites) through the project's {@link Elasticsearch} client, with the sink's retry policy.
 *
 * <p>Requests are bounded by document count and bytes. A request that fails as a whole with 429,
 * 5xx or a connection error, and the single items that fail with 429 or 5xx, are retried with
 * exponential backoff and jitter (100 ms doubling to 5 s) until {@code retryFor} has passed; then,
 * or at once for any other item error (a mapping conflict will not heal), {@link #write} throws so
 * that the micro-batch fails and Spark replays it from the checkpoint. Nothing is ever dropped.
 */
public final class BulkUpserter implements DocumentSink {

    private static final Logger LOG = LoggerFactory.getLogger(BulkUpserter.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final Elasticsearch client;
    private final int maxDocs;
    private final long maxBytes;
    private final Duration retryFor;

    public BulkUpserter(Elasticsearch client, int maxDocs, long maxBytes, Duration retryFor) {
        this.client = client;
        this.maxDocs = maxDocs;
        this.maxBytes = maxBytes;
        this.retryFor = retryFor;
    }

    public Elasticsearch client() {
        return client;
    }

    @Override
    public void write(List<EsDocument> documents) {
        write(documents, false);
    }

    @Override
    public void writeSearchable(List<EsDocument> documents) {
        write(documents, true);
    }

    private void write(List<EsDocument> documents, boolean refresh) {
        List<EsDocument> chunk = new ArrayList<>();
        long bytes = 0;
        for (EsDocument doc : documents) {
            long size = doc.json().length() + doc.id().length() + doc.index().length() + 40L;
            if (!chunk.isEmpty() && (chunk.size() >= maxDocs || bytes + size > maxBytes)) {
                writeWithRetry(chunk, refresh);
                chunk = new ArrayList<>();
                bytes = 0;
            }
            chunk.add(doc);
            bytes += size;
        }
        if (!chunk.isEmpty()) {
            writeWithRetry(chunk, refresh);
        }
    }

    private void writeWithRetry(List<EsDocument> chunk, boolean refresh) {
        AtomicReference<List<EsDocument>> pending = new AtomicReference<>(chunk);
        retrying("bulk write", () -> {
            List<EsDocument> retry = send(pending.get(), refresh);
            if (!retry.isEmpty()) {
                pending.set(retry);
                throw new RetryableItems(retry.size() + " documents rejected with 429/5xx");
            }
            return null;
        });
    }

    /** Performs a read ({@code _mget}, {@code _search}) with the same retries as a bulk write. */
    public <T> T read(String what, Attempt<T> read) {
        return retrying(what, read);
    }

    /** One try of a request: its result, or an exception ({@link RetryableItems} for partial failures). */
    @FunctionalInterface
    public interface Attempt<T> {
        T run() throws IOException;
    }

    /** Some items of a bulk failed with 429/5xx: retry those. */
    private static final class RetryableItems extends IOException {
        RetryableItems(String message) {
            super(message);
        }
    }

    private <T> T retrying(String what, Attempt<T> attempt) {
        long deadline = System.nanoTime() + retryFor.toNanos();
        Duration backoff = FIRST_BACKOFF;
        int attempts = 0;
        while (true) {
            attempts++;
            String failure;
            try {
                return attempt.run();
            } catch (RetryableItems e) {
                failure = e.getMessage();
            } catch (EsException e) {
                if (!e.retryable()) {
                    throw new IllegalStateException("Elasticsearch refused a " + what + " with " + e.status() + ": " + e.getMessage(), e);
                }
                failure = e.status() == 0 ? e.getMessage() : "HTTP " + e.status();
            } catch (IOException e) {
                failure = e.toString();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " still failing after " + attempts + " attempts over "
                        + retryFor + " (" + failure + "); failing the micro-batch so it is replayed");
            }
            LOG.warn("{} attempt {} failed ({}), retrying in {} ms", what, attempts, failure, backoff.toMillis());
            sleep(backoff.toMillis() / 2 + ThreadLocalRandom.current().nextLong(backoff.toMillis() / 2 + 1));
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** Sends one bulk; returns the documents to retry (429/5xx items); throws on any other item error. */
    private List<EsDocument> send(List<EsDocument> docs, boolean refresh) throws IOException {
        BulkResult result = client.bulkIndex(docs, refresh);
        List<EsDocument> retry = new ArrayList<>();
        for (BulkResult.Failure failure : result.failures()) {
            EsDocument doc = docs.get(failure.position());
            if (!failure.retryable()) {
                throw new IllegalStateException("Elasticsearch rejected document " + doc.id() + " in "
                        + doc.index() + " with " + failure.status() + ": " + failure.error());
            }
            retry.add(doc);
        }
        return retry;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off a bulk retry", e);
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (RuntimeException e) {
            LOG.warn("closing the Elasticsearch client failed", e);
        }
    }
}
