package io.clickstream.gateway.it;

import io.clickstream.stack.LocalStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real stack (local-stack) on free loopback ports for the gateway under test, its data and logs
 * under target/. A subclass says what to start and which gateway properties point at it; tests reach
 * the running stack (to stop and restart Kafka or Elasticsearch) through the subclass's {@code stack()}.
 */
abstract class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    private static final Map<Class<?>, LocalStack> RUNNING = new ConcurrentHashMap<>();

    static LocalStack running(Class<? extends LocalStackResource> kind) {
        return RUNNING.get(kind);
    }

    /** What to start, on top of a single broker on a free port. */
    protected abstract LocalStack.Builder configure(LocalStack.Builder builder);

    /** The gateway's properties that point at the started stack. */
    protected abstract Map<String, String> gatewayProperties(LocalStack stack);

    @Override
    public Map<String, String> start() {
        String dir = getClass().getSimpleName() + "-" + ProcessHandle.current().pid();
        LocalStack stack = configure(LocalStack.builder().workDir(Path.of("target", dir)).brokers(1).kafkaPort(0)).start();
        RUNNING.put(getClass(), stack);
        return gatewayProperties(stack);
    }

    @Override
    public void stop() {
        LocalStack stack = RUNNING.remove(getClass());
        if (stack != null) {
            stack.close();
        }
    }
}
