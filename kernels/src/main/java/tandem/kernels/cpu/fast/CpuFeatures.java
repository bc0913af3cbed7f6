package tandem.kernels.cpu.fast;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;

/**
 * The machine as the CPU kernels see it, read once per process: everything a kernel's shape is derived from
 * ({@link KernelShapes}), so that no kernel, rule or test assumes one machine.
 *
 * <ul>
 *   <li><b>lanes</b>: floats per vector of the Vector API's preferred species, i.e. what this JVM will really use
 *       (16 on AVX-512, 8 on AVX2, 4 on NEON, and fewer when the JVM is capped with {@code -XX:MaxVectorSize}).</li>
 *   <li><b>vector registers</b>: what the JIT may allocate. x86-64 has 16 (xmm/ymm 0-15); AVX-512's EVEX encoding adds
 *       16 more, but the JIT uses them only when it uses AVX-512 ({@code UseAVX=3}), so a JVM capped with
 *       {@code -XX:UseAVX=2} on an AVX-512 host has 16. AArch64 has 32 (NEON and SVE).</li>
 *   <li><b>caches</b>: per core, from sysfs ({@code /sys/devices/system/cpu/cpu0/cache}), else from glibc's
 *       {@code getconf} (which asks CPUID; some virtual machines hide sysfs), else 32 KiB / 1 MiB / 8 MiB.</li>
 *   <li><b>FMA pipes and clock</b>, for the nominal peak lanes x 2 x pipes x clock: 2 pipes is an assumption (true of
 *       current x86 and ARM server cores); the clock is cpufreq's maximum where the kernel exposes it, else the
 *       current clock from /proc/cpuinfo (virtual machines often report the base clock there, below the boost).</li>
 * </ul>
 * {@code java -cp kernels/target/classes tandem.kernels.cpu.fast.CpuFeatures} prints the host's line.
 */
public record CpuFeatures(String arch, String isa, int lanes, int vectorRegisters, boolean fma, long l1d, long l2,
                          long l3, String cacheSource, String model, double clockMhz, String clockSource) {
    /** FMA pipes per core assumed by {@link #nominalPeakGflops()}. */
    public static final int ASSUMED_FMA_PIPES = 2;
    private static final long KIB = 1024, MIB = 1024 * KIB;
    private static final CpuFeatures HOST = detect();

    /** This process's machine. */
    public static CpuFeatures host() { return HOST; }

    /** Vector width in bits. */
    public int vectorBits() { return lanes * Float.SIZE; }

    /** lanes x 2 FLOPs x {@link #ASSUMED_FMA_PIPES} x clock per core, in GFLOP/s; NaN where the clock is unknown. */
    public double nominalPeakGflops() { return lanes * 2.0 * ASSUMED_FMA_PIPES * clockMhz / 1000; }

    /** One line naming the ISA, lanes, registers and caches, for benchmark and tuning headers. */
    public String describe() {
        return String.format(Locale.ROOT, "isa=%s lanes=%d vector-registers=%d fma=%s l1d=%s l2=%s l3=%s (%s) cpu=\"%s\"",
                isa, lanes, vectorRegisters, fma ? "yes" : "no", size(l1d), size(l2), size(l3), cacheSource, model);
    }

    /** A byte count as 48K, 1M, ... */
    public static String size(long bytes) {
        if (bytes % MIB == 0) return bytes / MIB + "M";
        return bytes % KIB == 0 ? bytes / KIB + "K" : Long.toString(bytes);
    }

    public static void main(String[] args) {
        System.out.println(HOST.describe());
    }

    private static CpuFeatures detect() {
        String arch = System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);
        int lanes = FloatVector.SPECIES_PREFERRED.length();
        int bits = lanes * Float.SIZE;
        String isa;
        int registers;
        boolean fma = true;
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            int useAvx = intOption("UseAVX", bits >= 256 ? 2 : 0);
            fma = !"false".equals(vmOption("UseFMA"));
            registers = useAvx >= 3 ? 32 : 16;
            isa = useAvx >= 3 ? (bits == 512 ? "AVX-512" : "AVX-512 (" + bits + "-bit vectors)")
                    : useAvx == 2 ? "AVX2" : useAvx == 1 ? "AVX" : "SSE";
        } else if (arch.equals("aarch64") || arch.equals("arm64")) {
            registers = 32;
            isa = bits <= 128 ? "NEON" : "SVE (" + bits + "-bit vectors)";
        } else {
            registers = 16; // the fewest of any 64-bit ISA the Vector API runs on; an unknown one gets the safe tile
            isa = arch + " (" + bits + "-bit vectors)";
        }
        long[] caches = sysfsCaches();
        String source = "sysfs";
        if (caches == null) {
            caches = getconfCaches();
            source = "getconf";
        }
        if (caches == null) {
            caches = new long[] {32 * KIB, MIB, 8 * MIB};
            source = "defaults, cache sizes unknown";
        }
        String cpuinfo = read(Path.of("/proc/cpuinfo"));
        String model = field(cpuinfo, "model name");
        if (model == null && field(cpuinfo, "CPU part") != null) {
            model = "implementer " + field(cpuinfo, "CPU implementer") + " part " + field(cpuinfo, "CPU part");
        }
        if (model == null) model = arch;
        double clock = Double.NaN;
        String clockSource = "unknown";
        String maxKhz = read(Path.of("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq"));
        if (maxKhz != null && maxKhz.strip().matches("\\d+")) {
            clock = Long.parseLong(maxKhz.strip()) / 1000.0;
            clockSource = "cpufreq max";
        } else if (field(cpuinfo, "cpu MHz") != null) {
            clock = Double.parseDouble(field(cpuinfo, "cpu MHz"));
            clockSource = "/proc/cpuinfo, current";
        }
        return new CpuFeatures(arch, isa, lanes, registers, fma, caches[0], caches[1], caches[2], source,
                model.replaceAll("\\s+", " ").strip(), clock, clockSource);
    }

    /** {L1d, L2, L3 share per core} from sysfs, or null when absent. */
    private static long[] sysfsCaches() {
        long[] out = new long[3];
        for (int i = 0; i < 8; i++) {
            Path dir = Path.of("/sys/devices/system/cpu/cpu0/cache/index" + i);
            String level = read(dir.resolve("level")), type = read(dir.resolve("type")), size = read(dir.resolve("size"));
            if (level == null || type == null || size == null) continue;
            long bytes = parseSize(size.strip());
            if (bytes <= 0 || type.strip().equals("Instruction")) continue;
            int lv = Integer.parseInt(level.strip());
            if (lv == 3) bytes /= Math.max(1, sharers(read(dir.resolve("shared_cpu_list"))));
            if (lv >= 1 && lv <= 3) out[lv - 1] = bytes;
        }
        return out[0] > 0 && out[1] > 0 ? withL3(out) : null;
    }

    private static long[] getconfCaches() {
        try {
            Process p = new ProcessBuilder("getconf", "-a").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(2, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
            long[] out = {getconf(text, "LEVEL1_DCACHE_SIZE"), getconf(text, "LEVEL2_CACHE_SIZE"), getconf(text, "LEVEL3_CACHE_SIZE")};
            return out[0] > 0 && out[1] > 0 ? withL3(out) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static long[] withL3(long[] c) {
        if (c[2] <= 0) c[2] = c[1];
        return c;
    }

    private static long getconf(String text, String name) {
        for (String line : text.split("\n")) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length == 2 && parts[0].equals(name) && parts[1].matches("\\d+")) return Long.parseLong(parts[1]);
        }
        return 0;
    }

    // "48K", "1024K", "32M"
    static long parseSize(String s) {
        if (s.isEmpty()) return 0;
        char unit = Character.toUpperCase(s.charAt(s.length() - 1));
        String digits = Character.isDigit(unit) ? s : s.substring(0, s.length() - 1);
        if (!digits.matches("\\d+")) return 0;
        long n = Long.parseLong(digits);
        return unit == 'K' ? n * KIB : unit == 'M' ? n * MIB : unit == 'G' ? n * 1024 * MIB : n;
    }

    // "0-7", "0,2,4-5" -> how many CPUs
    static int sharers(String list) {
        if (list == null || list.isBlank()) return 1;
        int n = 0;
        for (String part : list.strip().split(",")) {
            String[] range = part.split("-");
            try {
                n += range.length == 2 ? Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1 : 1;
            } catch (NumberFormatException e) {
                return 1;
            }
        }
        return Math.max(1, n);
    }

    private static String field(String cpuinfo, String name) {
        if (cpuinfo == null) return null;
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals(name)) return line.substring(colon + 1).strip();
        }
        return null;
    }

    private static String read(Path p) {
        try {
            return Files.isReadable(p) ? Files.readString(p) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String vmOption(String name) {
        try {
            return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name).getValue();
        } catch (RuntimeException | LinkageError e) {
            return null; // not HotSpot, or no such flag on this platform
        }
    }

    private static int intOption(String name, int fallback) {
        String v = vmOption(name);
        return v != null && v.matches("\\d+") ? Integer.parseInt(v) : fallback;
    }
}
