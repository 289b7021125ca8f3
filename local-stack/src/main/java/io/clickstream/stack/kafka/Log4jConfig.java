package io.clickstream.stack.kafka;

import java.nio.file.Path;

/**
 * log4j2 configuration for the Kafka JVMs: everything to one file (rolled at 50 MB, 3 kept, so a long
 * demo cannot fill the disk), nothing on the console.
 */
final class Log4jConfig {
    private Log4jConfig() {
    }

    static String toFile(Path logFile, String level) {
        return """
                status = error
                appender.file.type = RollingFile
                appender.file.name = file
                appender.file.fileName = %1$s
                appender.file.filePattern = %1$s.%%i
                appender.file.layout.type = PatternLayout
                appender.file.layout.pattern = [%%d] %%p %%m (%%c)%%n
                appender.file.policies.type = Policies
                appender.file.policies.size.type = SizeBasedTriggeringPolicy
                appender.file.policies.size.size = 50MB
                appender.file.strategy.type = DefaultRolloverStrategy
                appender.file.strategy.max = 3
                rootLogger.level = %2$s
                rootLogger.appenderRef.file.ref = file
                logger.state.name = state.change.logger
                logger.state.level = warn
                """.formatted(logFile, level);
    }
}
