package io.clickstream.event;

/**
 * One broken rule of the event contract.
 *
 * @param path    JSON path of the offending field, e.g. {@code $.order.items[1].quantity}
 * @param rule    short machine-readable rule name, e.g. {@code required}, {@code minimum}, {@code max_length}
 * @param message human-readable explanation naming what was expected and what was found
 */
public record Violation(String path, String rule, String message) {
    @Override
    public String toString() {
        return path + ": " + message + " [" + rule + "]";
    }
}
