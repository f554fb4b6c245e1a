package dev.hmac.core;

/**
 * Describes an unexpected exception for a log line without its messages: a message can quote input (think of
 * {@code NumberFormatException: For input string: "..."}), and input may hold a client secret or a token.
 */
public final class Failures {
    private static final int FRAMES = 8;

    private Failures() {
    }

    /** Types and the top stack frames of the exception and its causes; never a message. */
    public static String describe(Throwable failure) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 5; t = t.getCause(), depth++) {
            sb.append(depth == 0 ? "" : " caused by ").append(t.getClass().getName());
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
                sb.append(i == 0 ? " at " : " < ").append(frames[i]);
            }
        }
        return sb.toString();
    }
}
