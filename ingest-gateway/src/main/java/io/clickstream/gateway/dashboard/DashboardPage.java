package io.clickstream.gateway.dashboard;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The live page at {@code /dashboard}: KPI and session cards, the last 15 minutes as charts, the
 * funnel as bars, a breakdown table with a dimension selector, top pages and products, the latest
 * alerts and the age of the newest window, fed by {@code /api/stream}. Its script
 * and styles are served from {@code META-INF/resources/dashboard/}, the chart library from its webjar.
 * The Content-Security-Policy allows scripts, styles and connections from this origin only, so even a
 * string from an event that reached the page as markup could not run.
 */
@Path("/dashboard")
public class DashboardPage {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final byte[] html = load();

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Live dashboard page", description = "HTML page drawing /api/stream (polling /api/* when SSE is unavailable)")
    public Response page() {
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-cache")
                .build();
    }

    private static byte[] load() {
        try (InputStream in = DashboardPage.class.getResourceAsStream("/dashboard/index.html")) {
            if (in == null) {
                throw new IllegalStateException("dashboard/index.html is missing from the gateway's resources");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
