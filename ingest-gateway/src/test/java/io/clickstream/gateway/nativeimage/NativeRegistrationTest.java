package io.clickstream.gateway.nativeimage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JacksonAnnotation;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the native image needs declared, checked on the compiled classes (the native compile itself
 * needs GraalVM/Mandrel, see README.md): every type Jackson writes by reflection is registered (by a
 * {@code @RegisterForReflection}, or by Quarkus REST for what a JAX-RS method returns), no static
 * state is frozen into the image at build time, and every resource read at run time is included.
 */
class NativeRegistrationTest {

    private static final Path CLASSES = Path.of("target", "classes");
    /** The answers the beacon endpoint writes with the HTTP layer's mapper. */
    private static final List<String> ANSWER_ROOTS = List.of("io.clickstream.gateway.ingest.BatchResponse",
            "io.clickstream.gateway.ingest.ErrorBody");
    /** Resources Quarkus consumes at build time, so the image does not need them. */
    private static final Set<String> BUILD_TIME_RESOURCES = Set.of("application.properties", "META-INF/openapi.yaml");

    @Test
    void everyTypeJacksonWritesByReflectionIsRegistered() throws Exception {
        List<Class<?>> classes = gatewayClasses();
        Set<Class<?>> registered = new HashSet<>();
        for (Class<?> c : classes) {
            RegisterForReflection r = c.getAnnotation(RegisterForReflection.class);
            if (r != null) {
                if (r.targets().length == 0 && r.classNames().length == 0) {
                    registered.add(c);
                }
                registered.addAll(Arrays.asList(r.targets()));
                for (String name : r.classNames()) {
                    registered.add(Class.forName(name));
                }
            }
        }
        registered.addAll(registeredByRestEndpoints(classes));
        Deque<Class<?>> todo = new ArrayDeque<>();
        for (String root : ANSWER_ROOTS) {
            todo.add(Class.forName(root));
        }
        // Records that carry Jackson annotations, or hold one that does, are written by Jackson; enums
        // with Jackson annotations too.
        classes.stream().filter(c -> c.isEnum() ? usesJackson(c) : reachesJackson(c, new HashSet<>())).forEach(todo::add);
        Set<Class<?>> seen = new HashSet<>();
        Set<String> missing = new TreeSet<>();
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (!c.getName().startsWith("io.clickstream.") || !seen.add(c)) {
                continue;
            }
            if (!registered.contains(c)) {
                missing.add(c.getName());
            }
            if (c.isRecord()) {
                for (RecordComponent component : c.getRecordComponents()) {
                    addTypes(component.getGenericType(), todo);
                }
            }
        }
        assertThat(missing).as("types Jackson writes by reflection that the native image would not know: "
                + "add them to a @RegisterForReflection (see ingest/JsonAnswerTypes; registering a record that only "
                + "holds one Jackson writes costs nothing)").isEmpty();
    }

    /**
     * Quarkus initialises classes while the image is built (its generated feature calls
     * {@code initializeAtBuildTime("")} and exempts a list of library classes), so a static field is
     * computed once on the build machine and frozen into the executable. None of the gateway's or the
     * event model's may hold what must come from the running process: random generators (fixed seeds),
     * threads or executors, instants (the build's time), addresses, open resources.
     */
    @Test
    void noStaticStateIsFrozenAtImageBuildTime() throws Exception {
        List<Class<?>> frozenAtBuild = List.of(java.util.Random.class, java.util.SplittableRandom.class, Thread.class,
                java.util.concurrent.Executor.class, java.time.Instant.class, java.time.LocalDateTime.class,
                java.time.OffsetDateTime.class, java.time.ZonedDateTime.class, java.net.InetAddress.class,
                AutoCloseable.class);
        List<Class<?>> classes = new java.util.ArrayList<>(gatewayClasses());
        classes.addAll(classesUnder(Path.of(io.clickstream.event.EventJson.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                "io/clickstream/event"));
        Set<String> frozen = new TreeSet<>();
        for (Class<?> c : classes) {
            for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(f.getModifiers())
                        && frozenAtBuild.stream().anyMatch(t -> t.isAssignableFrom(f.getType()))) {
                    frozen.add(c.getName() + "." + f.getName() + " (" + f.getType().getSimpleName() + ")");
                }
            }
        }
        assertThat(frozen).as("static fields the native image would freeze at build time: create them at run time").isEmpty();
    }

    @Test
    void everyResourceReadAtRunTimeIsIncluded() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(CLASSES.resolve("application.properties"))) {
            properties.load(in);
        }
        String includes = properties.getProperty("quarkus.native.resources.includes", "");
        List<PathMatcher> matchers = Arrays.stream(includes.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob)).toList();
        assertThat(matchers).as("quarkus.native.resources.includes").isNotEmpty();
        Set<String> uncovered = new TreeSet<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            files.filter(Files::isRegularFile).map(CLASSES::relativize)
                    .filter(p -> !p.toString().endsWith(".class"))
                    .filter(p -> !BUILD_TIME_RESOURCES.contains(p.toString().replace('\\', '/')))
                    .filter(p -> !p.startsWith(Path.of("META-INF", "services")))
                    .filter(p -> matchers.stream().noneMatch(m -> m.matches(p)))
                    .forEach(p -> uncovered.add(p.toString()));
        }
        assertThat(uncovered).as("resources of the gateway not in quarkus.native.resources.includes (" + includes + ")").isEmpty();
        assertThat(matchers).as("the static pages are covered")
                .anyMatch(m -> m.matches(Path.of("META-INF/resources/demo/index.html")));
    }

    /**
     * What JAX-RS methods return (unwrapped from {@code Uni}, {@code Multi}, {@code RestResponse} and
     * the like): Quarkus REST registers it, with the types of its fields, for reflection by itself.
     */
    private static Set<Class<?>> registeredByRestEndpoints(List<Class<?>> classes) {
        Deque<Class<?>> returned = new ArrayDeque<>();
        for (Class<?> c : classes) {
            for (Method m : c.getDeclaredMethods()) {
                boolean endpoint = Arrays.stream(m.getAnnotations())
                        .anyMatch(a -> a.annotationType().isAnnotationPresent(jakarta.ws.rs.HttpMethod.class));
                if (endpoint) {
                    addTypes(m.getGenericReturnType(), returned);
                }
            }
        }
        Set<Class<?>> out = new HashSet<>();
        while (!returned.isEmpty()) {
            Class<?> c = returned.poll();
            if (out.add(c) && c.isRecord()) {
                for (RecordComponent component : c.getRecordComponents()) {
                    addTypes(component.getGenericType(), returned);
                }
            }
        }
        return out;
    }

    /**
     * Whether {@code c} is one of the gateway's records that carries Jackson annotations (so Jackson
     * writes it), or holds one among its components' types (so Jackson writes it around that one).
     */
    private static boolean reachesJackson(Class<?> c, Set<Class<?>> seen) {
        if (!c.getName().startsWith("io.clickstream.gateway.") || !c.isRecord() || !seen.add(c)) {
            return false;
        }
        if (usesJackson(c)) {
            return true;
        }
        if (c.isRecord()) {
            Deque<Class<?>> components = new ArrayDeque<>();
            for (RecordComponent component : c.getRecordComponents()) {
                addTypes(component.getGenericType(), components);
            }
            for (Class<?> component : components) {
                if (reachesJackson(component, seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean usesJackson(Class<?> c) {
        if (hasJackson(c)) {
            return true;
        }
        for (Method m : c.getDeclaredMethods()) {
            if (hasJackson(m)) {
                return true;
            }
        }
        if (c.isRecord()) {
            for (RecordComponent component : c.getRecordComponents()) {
                if (hasJackson(component) || hasJackson(component.getAccessor())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasJackson(AnnotatedElement element) {
        for (Annotation a : element.getAnnotations()) {
            if (a.annotationType().isAnnotationPresent(JacksonAnnotation.class)) {
                return true;
            }
        }
        return false;
    }

    private static void addTypes(Type type, Deque<Class<?>> todo) {
        if (type instanceof Class<?> c) {
            todo.add(c.isArray() ? c.getComponentType() : c);
        } else if (type instanceof ParameterizedType p) {
            addTypes(p.getRawType(), todo);
            for (Type argument : p.getActualTypeArguments()) {
                addTypes(argument, todo);
            }
        }
    }

    private static List<Class<?>> gatewayClasses() throws IOException {
        return classesUnder(CLASSES, "io/clickstream/gateway");
    }

    /** The classes under {@code packageDir} of a classes directory or a jar. */
    private static List<Class<?>> classesUnder(Path location, String packageDir) throws IOException {
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location.resolve(packageDir))) {
                return files.filter(f -> f.toString().endsWith(".class"))
                        .map(f -> location.relativize(f).toString().replace('/', '.').replace(".class", ""))
                        .map(NativeRegistrationTest::load).toList();
            }
        }
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(location.toFile())) {
            return jar.stream().map(java.util.jar.JarEntry::getName)
                    .filter(n -> n.startsWith(packageDir + "/") && n.endsWith(".class"))
                    .map(n -> n.replace('/', '.').replace(".class", ""))
                    .map(NativeRegistrationTest::load).toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, NativeRegistrationTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }
}
