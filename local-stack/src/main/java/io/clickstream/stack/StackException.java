package io.clickstream.stack;

/** A stack operation failed; the message says what happened and which log file to read. */
public class StackException extends RuntimeException {
    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
