package io.clickstream.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository these tests check: its root (system property {@code clickstream.root}) and files in it. */
final class Repository {

    static final Path ROOT = Path.of(System.getProperty("clickstream.root", "..")).toAbsolutePath().normalize();

    private static final Pattern PROPERTY = Pattern.compile("<([a-zA-Z0-9.\\-]+)>([^<]*)</\\1>");

    private Repository() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        return read(path(relative));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ROOT.relativize(file.toAbsolutePath().normalize()), e);
        }
    }

    /**
     * The value of the integer constant {@code name} ({@code static final int NAME = 123;}) in the main
     * code of {@code module}, wherever its package puts it.
     */
    static int intConstant(String module, String name) {
        Pattern constant = Pattern.compile("static final int " + name + " = (\\d+);");
        try (java.util.stream.Stream<Path> files = Files.walk(path(module).resolve("src/main/java"))) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .map(f -> constant.matcher(read(f)))
                    .filter(Matcher::find)
                    .map(m -> Integer.parseInt(m.group(1)))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no constant " + name + " in " + module + "/src/main/java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code <properties>} of the root pom.xml (versions of everything). */
    static Map<String, String> rootPomProperties() {
        String pom = read("pom.xml");
        String properties = pom.substring(pom.indexOf("<properties>"), pom.indexOf("</properties>"));
        Map<String, String> out = new HashMap<>();
        Matcher m = PROPERTY.matcher(properties);
        while (m.find()) {
            out.put(m.group(1), m.group(2).trim());
        }
        return out;
    }
}
