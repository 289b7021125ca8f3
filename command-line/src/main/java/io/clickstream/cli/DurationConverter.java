package io.clickstream.cli;

import java.time.Duration;
import picocli.CommandLine;

/** picocli converter for options of type {@link Duration}, in the grammar of {@link Durations}. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
