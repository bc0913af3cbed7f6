package tandem.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;

/**
 * What a benchmark result depends on besides the code under test, captured once per run: the commit, the JVM, the
 * CPU model, the vector ISA and how many float lanes the Vector API uses, the cores, and the load average when the
 * run started. Everything is read from the running JVM, {@code /proc/cpuinfo} and git; what cannot be read is
 * "unknown", never guessed.
 */
record BenchEnvironment(String commit, String jdk, String jvm, String os, String cpu, String isa, int vectorBits,
                        int floatLanes, int cores, double loadAtStart, String started) {
    static BenchEnvironment capture() {
        List<String> cpuinfo = cpuinfo();
        int lanes = FloatVector.SPECIES_PREFERRED.length();
        return new BenchEnvironment(currentCommit(), System.getProperty("java.version"), System.getProperty("java.vm.name"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), cpuModel(cpuinfo), isa(cpuinfo),
                FloatVector.SPECIES_PREFERRED.vectorBitSize(), lanes, Runtime.getRuntime().availableProcessors(), loadAverage(),
                Instant.now().toString());
    }

    /** The one-minute load average (NaN where the OS does not report one). */
    static double loadAverage() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? Double.NaN : l;
    }

    /** One line for the top of a run and for compare. */
    String describe() {
        return String.format(java.util.Locale.ROOT, "commit %s; JDK %s (%s); %s; CPU %s, %s, Vector API %d-bit (%d float lanes), %d cores; load %.2f at start",
                commit, jdk, jvm, os, cpu, isa, vectorBits, floatLanes, cores, loadAtStart);
    }

    private static List<String> cpuinfo() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** The first value of {@code key} in /proc/cpuinfo, or null. */
    private static String field(List<String> cpuinfo, String key) {
        for (String line : cpuinfo) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(key)) return line.substring(colon + 1).trim();
        }
        return null;
    }

    private static String cpuModel(List<String> cpuinfo) {
        for (String key : List.of("model name", "Model", "Hardware", "cpu model")) {
            String v = field(cpuinfo, key);
            if (v != null && !v.isEmpty()) return v;
        }
        String part = field(cpuinfo, "CPU part");
        return part != null ? "ARM part " + part : "unknown (" + System.getProperty("os.arch") + ")";
    }

    /** The widest SIMD extension the CPU reports (x86 flags, ARM features); what the JVM uses is vectorBits. */
    static String isa(List<String> cpuinfo) {
        String flags = field(cpuinfo, "flags");
        if (flags != null) {
            List<String> f = List.of(flags.split("\\s+"));
            if (f.contains("avx512f")) return "AVX-512" + (f.contains("avx512_bf16") ? " (with BF16)" : "");
            if (f.contains("avx2")) return f.contains("fma") ? "AVX2+FMA" : "AVX2";
            if (f.contains("avx")) return "AVX";
            if (f.contains("sse4_2")) return "SSE4.2";
            return "x86 (no AVX)";
        }
        String features = field(cpuinfo, "Features");
        if (features != null) {
            List<String> f = List.of(features.split("\\s+"));
            if (f.contains("sve2")) return "SVE2";
            if (f.contains("sve")) return "SVE";
            if (f.contains("asimd")) return "NEON";
        }
        return "unknown";
    }

    /** The checked-out commit of this Tandem (with "+dirty" when tracked files differ from it), or "unknown". */
    private static String currentCommit() {
        Path home = Path.of(System.getProperty("tandem.home", "."));
        String head = git(home, "rev-parse", "--short=12", "HEAD");
        if (head == null) return "unknown";
        String changes = git(home, "status", "--porcelain", "--untracked-files=no");
        return changes == null || changes.isEmpty() ? head : head + "+dirty";
    }

    private static String git(Path dir, String... args) {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "git";
        cmd[1] = "-C";
        cmd[2] = dir.toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
