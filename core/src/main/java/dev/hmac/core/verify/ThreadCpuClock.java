package dev.hmac.core.verify;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.LongSupplier;

/**
 * The CPU time of the calling thread, in nanoseconds: a budget in CPU time means the same work on a busy server
 * as on an idle one. Falls back to wall time where the JVM can't measure it. The management classes load only
 * when a search first reads the clock: they cost a cold JVM about 25 ms (docs/verification.md).
 */
final class ThreadCpuClock implements LongSupplier {
    static final ThreadCpuClock INSTANCE = new ThreadCpuClock();

    private ThreadCpuClock() {
    }

    @Override
    public long getAsLong() {
        return Threads.now();
    }

    private static final class Threads {
        private static final ThreadMXBean BEAN = ManagementFactory.getThreadMXBean();
        private static final boolean MEASURED = BEAN.isCurrentThreadCpuTimeSupported() && BEAN.isThreadCpuTimeEnabled();

        static long now() {
            return MEASURED ? BEAN.getCurrentThreadCpuTime() : System.nanoTime();
        }
    }
}
