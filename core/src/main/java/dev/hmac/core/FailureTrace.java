package dev.hmac.core;

/**
 * An unexpected exception as a log line can hold it: its types and top stack frames, never a message. A message
 * can quote input (think of {@code NumberFormatException: For input string: "..."}), and input may hold a client
 * secret or a token.
 */
public final class FailureTrace {
    private static final int FRAMES = 8;
    private static final int CAUSES = 5;

    private FailureTrace() {
    }

    /** Types and the top stack frames of the exception and its causes; never a message. */
    public static String of(Throwable failure) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (Throwable t = failure; t != null && depth < CAUSES; t = t.getCause(), depth++) {
            sb.append(depth == 0 ? "" : " caused by ").append(t.getClass().getName());
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
                sb.append(i == 0 ? " at " : " < ").append(frames[i]);
            }
        }
        return sb.toString();
    }
}
