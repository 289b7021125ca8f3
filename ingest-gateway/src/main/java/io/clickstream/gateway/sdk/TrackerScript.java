package io.clickstream.gateway.sdk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The minified tracker as served: its bytes, the same gzipped once at startup, and an ETag from its
 * content (so a new build gets a new tag and browsers fetch it again after their max-age).
 *
 * @param plain   the minified script
 * @param gzipped {@code plain} gzipped at the best compression
 * @param etag    a strong entity tag of {@code plain}, quoted; the gzipped form's is {@link #gzipEtag()}
 */
public record TrackerScript(byte[] plain, byte[] gzipped, String etag) {

    /** Where the build (src/main/tracker/build.mjs) writes the minified script on the classpath. */
    public static final String RESOURCE = "sdk/clickstream.min.js";
    /** The size budget of the tracker once gzipped; the build and TrackerScriptTest enforce it. */
    public static final int GZIP_BUDGET_BYTES = 2560;

    public static TrackerScript of(byte[] plain) {
        try {
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plain)).substring(0, 20);
            return new TrackerScript(plain, gzip(plain), '"' + hash + '"');
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Reads {@link #RESOURCE}; fails with what to run when the build did not produce it. */
    public static TrackerScript load() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath: it is built from "
                        + "src/main/tracker/clickstream.js by the Maven build (npm ci + node build.mjs, needs Node.js and npm): "
                        + "run ./mvnw -pl ingest-gateway -am package");
            }
            return of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The gzipped representation's tag: a different representation needs a different strong tag. */
    public String gzipEtag() {
        return etag.substring(0, etag.length() - 1) + "-gz\"";
    }

    /**
     * Whether an {@code If-None-Match} value names this version (weak comparison, as RFC 9110 asks for
     * If-None-Match; either representation's tag counts, they are the same content).
     */
    public boolean matches(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag) || tag.equals(gzipEtag())) {
                return true;
            }
        }
        return false;
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip in memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
