package io.clickstream.stack.kafka;

import java.nio.file.Path;

/** log4j2 configuration for the Kafka JVMs: everything to one file, nothing on the console. */
final class Log4jConfig {
    private Log4jConfig() {
    }

    static String toFile(Path logFile, String level) {
        return """
                status = error
                appender.file.type = File
                appender.file.name = file
                appender.file.fileName = %s
                appender.file.layout.type = PatternLayout
                appender.file.layout.pattern = [%%d] %%p %%m (%%c)%%n
                rootLogger.level = %s
                rootLogger.appenderRef.file.ref = file
                logger.state.name = state.change.logger
                logger.state.level = warn
                """.formatted(logFile, level);
    }
}
