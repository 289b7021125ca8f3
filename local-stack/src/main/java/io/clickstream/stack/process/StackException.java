package io.clickstream.stack.process;

/** A stack operation failed; the message says what happened and which log file to read. */
public class StackException extends RuntimeException {
    private final boolean portTaken;

    public StackException(String message) {
        this(message, null, false);
    }

    public StackException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private StackException(String message, Throwable cause, boolean portTaken) {
        super(message, cause);
        this.portTaken = portTaken;
    }

    /** The same failure, marked as caused by a port another process holds. */
    public StackException withPortTaken() {
        StackException e = new StackException(getMessage(), getCause(), true);
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** True when one of the stack's ports was held by another process after the failed start. */
    public boolean portTaken() {
        return portTaken;
    }
}
