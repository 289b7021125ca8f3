package io.clickstream.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The environment variables a module reads, found where they are spelled: picocli defaults
 * ({@code ${env:KAFKA_BOOTSTRAP:-…}}), SmallRye/Quarkus expressions ({@code ${KAFKA_BOOTSTRAP:…}} in
 * application.properties or {@code @WithDefault}), {@code System.getenv("…")} and helpers like
 * {@code env("…", default)}.
 */
final class ConfigNames {

    private static final List<Pattern> READS = List.of(
            Pattern.compile("\\$\\{env:([A-Z][A-Z0-9_]*)"),
            Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]"),
            // System.getenv("X") and helpers such as env("X", default)
            Pattern.compile("\\b\\w*[eE]nv\\w*\\(\"([A-Z][A-Z0-9_]*)\""));

    private ConfigNames() {
    }

    /** The environment variables read by the main code and configuration of {@code module}. */
    static Set<String> environmentReadBy(String module) {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Repository.path(module).resolve("src/main"))) {
            files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".properties"))
                    .forEach(f -> names.addAll(reads(Repository.read(f))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** The environment variables {@code text} refers to as {@code $NAME}, {@code ${NAME}} or any of {@link #READS}. */
    static Set<String> reads(String text) {
        Set<String> names = new TreeSet<>();
        for (Pattern p : READS) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        Matcher shell = Pattern.compile("\\$\\{?([A-Z][A-Z0-9_]*)").matcher(text);
        while (shell.find()) {
            names.add(shell.group(1));
        }
        return names;
    }
}
