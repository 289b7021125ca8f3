package io.clickstream.gateway.ingest;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads a request body on the event loop, for the gateway's Vert.x routes: the declared size is
 * checked before the body is read (and a chunked body as it arrives), and {@code Expect: 100-continue}
 * is answered — what the REST layer's chain would otherwise do.
 */
@Singleton
public class BodyReader {

    private static final Logger LOG = Logger.getLogger(BodyReader.class);
    private static final String EXPECT_CONTINUE = "100-continue";

    /** Whether Vert.x answers {@code Expect: 100-continue} itself; if not (Quarkus' default), this does. */
    private final boolean continueSentByVertx;

    public BodyReader(@ConfigProperty(name = "quarkus.http.handle-100-continue-automatically", defaultValue = "false")
                      boolean continueSentByVertx) {
        this.continueSentByVertx = continueSentByVertx;
    }

    /**
     * Calls {@code onBody} with the whole body, or {@code onTooLarge} once with the problem as soon as
     * it is known to exceed {@code maxBytes} (the rest is then dropped).
     */
    public void read(RoutingContext ctx, long maxBytes, Consumer<byte[]> onBody, Consumer<RequestProblem> onTooLarge) {
        HttpServerRequest request = ctx.request();
        long declared = declaredLength(request);
        if (declared > maxBytes) {
            onTooLarge.accept(tooLarge(declared, maxBytes));
            return;
        }
        if (ctx.body().available()) { // a body handler ahead of this route already read it
            Buffer body = ctx.body().buffer();
            onBody.accept(body == null ? new byte[0] : body.getBytes());
            return;
        }
        if (request.isEnded()) {
            onBody.accept(new byte[0]);
            return;
        }
        if (!continueSentByVertx && EXPECT_CONTINUE.equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            // The client waits for this before it sends the body (curl: 1 s, then it sends anyway).
            ctx.response().writeContinue();
        }
        Buffer body = Buffer.buffer(declared > 0 ? (int) declared : 1024);
        boolean[] refused = new boolean[1];
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if ((long) body.length() + chunk.length() > maxBytes) {
                // Chunked, or longer than declared: refused as soon as it passes the limit; the rest is dropped.
                refused[0] = true;
                onTooLarge.accept(tooLarge((long) body.length() + chunk.length(), maxBytes));
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(ignored -> {
            if (!refused[0]) {
                onBody.accept(body.getBytes());
            }
        });
        request.exceptionHandler(error -> LOG.debugf("request body not read: %s", error.toString()));
        request.resume();
    }

    private static long declaredLength(HttpServerRequest request) {
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            return -1;
        }
        try {
            return Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return -1; // Vert.x already refuses a malformed Content-Length
        }
    }

    private static RequestProblem tooLarge(long length, long limit) {
        return RequestProblem.tooLarge(RequestLimits.MAX_BODY_BYTES, limit,
                "request body is " + length + " bytes, the limit is " + limit);
    }
}
