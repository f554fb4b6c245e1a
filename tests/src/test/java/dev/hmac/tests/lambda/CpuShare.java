package dev.hmac.tests.lambda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU a Lambda function of some memory size gets (1 vCPU at 1,769 MB, proportionally less below), as a cgroup v1
 * cpu group with a CFS quota that the launched process moves itself into. Needs a writable cpu controller (root);
 * without one, {@link #limited()} is false and the process gets the whole core.
 */
public record CpuShare(Path dir, double share) implements AutoCloseable {
    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup/cpu");
    private static final int FULL_VCPU_MB = 1769;

    /** The share of a vCPU that Lambda gives this memory size. */
    public static double of(int memoryMb) {
        return Math.min(1.0, memoryMb / (double) FULL_VCPU_MB);
    }

    public static CpuShare create(String name, double share) {
        Path dir = CGROUP_ROOT.resolve("hmac-measure-" + name + "-" + ProcessHandle.current().pid());
        try {
            Files.createDirectory(dir);
            Files.writeString(dir.resolve("cpu.cfs_period_us"), "100000");
            Files.writeString(dir.resolve("cpu.cfs_quota_us"), Long.toString(Math.round(share * 100_000)));
            return new CpuShare(dir, share);
        } catch (IOException | UnsupportedOperationException e) {
            return new CpuShare(null, share);
        }
    }

    public boolean limited() {
        return dir != null;
    }

    /** The command prefix for {@link LambdaProcess.Builder#launcher}. */
    public String[] launcher() {
        return dir == null ? new String[0]
                : new String[] {"sh", "-c", "echo $$ > " + dir.resolve("cgroup.procs") + " && exec \"$@\"", "sh"};
    }

    @Override
    public void close() throws IOException {
        if (dir != null) {
            Files.deleteIfExists(dir);
        }
    }
}
