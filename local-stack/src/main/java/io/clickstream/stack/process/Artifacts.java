package io.clickstream.stack.process;


import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locations the build wrote into this jar: the Kafka broker classpath and the Elasticsearch zip, both
 * absolute paths in the local Maven repository (see local-stack/pom.xml).
 */
public final class Artifacts {
    static final String KAFKA_CLASSPATH = "clickstream/stack/kafka-classpath.txt";
    static final String ELASTICSEARCH_ZIP = "clickstream/stack/elasticsearch-zip.txt";
    private static final String FIX = "run `./mvnw -B -q -pl local-stack -am -DskipTests package` from the repository root";

    private Artifacts() {
    }

    /** The broker's classpath, checked to exist, plus this module's own classes (for the admin tool). */
    public static String kafkaClasspath() {
        String cp = resource(KAFKA_CLASSPATH);
        for (String entry : cp.split(":")) {
            if (!Files.exists(Path.of(entry))) {
                throw new StackException("Kafka jar " + entry + " is missing from the local Maven repository; " + FIX);
            }
        }
        return cp + ":" + ownCodeLocation();
    }

    public static Path elasticsearchZip() {
        Path zip = Path.of(resource(ELASTICSEARCH_ZIP));
        if (!Files.isRegularFile(zip)) {
            throw new StackException("Elasticsearch distribution " + zip + " is missing; " + FIX);
        }
        return zip;
    }

    /** "Kafka 4.1.2, Elasticsearch 8.19.21", from the artifact file names the build recorded. */
    public static String describe() {
        String kafka = java.util.Arrays.stream(resource(KAFKA_CLASSPATH).split(":"))
                .map(e -> Path.of(e).getFileName().toString())
                .filter(n -> n.matches("kafka_[0-9.]+-.*\\.jar"))
                .map(n -> n.replaceFirst("kafka_[0-9.]+-", "").replaceFirst("\\.jar$", ""))
                .findFirst().orElse("?");
        String es = elasticsearchZip().getFileName().toString()
                .replaceFirst("^elasticsearch-", "").replaceFirst("\\.zip$", "");
        return "Kafka " + kafka + " (KRaft), Elasticsearch " + es;
    }

    private static String resource(String name) {
        try (InputStream in = Artifacts.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new StackException("resource " + name + " is missing from local-stack; " + FIX);
            }
            String value = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            if (value.isEmpty()) {
                throw new StackException("resource " + name + " is empty; " + FIX);
            }
            return value;
        } catch (IOException e) {
            throw new StackException("cannot read resource " + name + "; " + FIX, e);
        }
    }

    private static String ownCodeLocation() {
        try {
            return Path.of(Artifacts.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new StackException("cannot locate local-stack's own classes", e);
        }
    }

    /** The {@code java} of the running JVM, used for every child JVM. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The JDK home for {@code ES_JAVA_HOME}. */
    public static Path javaHome() {
        return Path.of(System.getProperty("java.home"));
    }
}
