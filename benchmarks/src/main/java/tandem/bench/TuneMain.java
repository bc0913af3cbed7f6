package tandem.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tandem.kernels.cpu.fast.CpuFeatures;
import tandem.kernels.cpu.fast.KernelShapes;
import tandem.kernels.cpu.fast.Tuning;
import tandem.tensor.Tandem;

/**
 * {@code ./tandem tune}: times candidate GEMM blockings and convolution tiles on this machine ({@link Tuner}) and
 * stores the winners in the tuning file ({@link Tuning}) that later runs read; prints what it chose and why.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Times candidate GEMM tiles and blockings and convolution tiles on this machine and keeps the winners "
                + "for later runs (per CPU model, ISA and JDK, in $XDG_CACHE_HOME/tandem or ~/.cache/tandem).",
                "Runs never need it: without the file (or with --no-tune / TANDEM_TUNE=off) the kernels use shapes derived "
                        + "from the vector width, register count and cache sizes."})
public final class TuneMain implements Callable<Integer> {
    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "threads to tune on (default: ${DEFAULT-VALUE}, the per-core shapes)")
    int threads;

    @Option(names = "--dry-run", description = "measure and print, but leave the tuning file as it is")
    boolean dryRun;

    @Option(names = "--show", description = "print the derived shapes, the tuning file and what runs use now; measure nothing")
    boolean show;

    @Option(names = "--forget", description = "delete this machine's tuning file, so runs use the derived shapes again")
    boolean forget;

    public static void main(String[] args) {
        // measure from the derived shapes, whatever an earlier tuning left
        System.setProperty(Tuning.SWITCH, "off");
        CommandLine cl = new CommandLine(new TuneMain());
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            cmd.getErr().println("tandem tune: error: " + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
            return 2;
        });
        System.exit(cl.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (threads < 1) throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        CpuFeatures f = CpuFeatures.host();
        Path file = Tuning.file(f);
        System.out.println("cpu: " + f.describe());
        System.out.println("key: " + Tuning.key(f));
        if (forget) {
            System.out.println(Files.deleteIfExists(file) ? "deleted " + file : "no tuning file at " + file);
            return 0;
        }
        KernelShapes derived = KernelShapes.derive(f);
        System.out.println("derived: " + derived);
        for (String why : KernelShapes.reasons(f)) System.out.println("  " + why);
        if (show) {
            System.out.println(Files.isRegularFile(file) ? "tuning file " + file + ":\n" + Files.readString(file).strip()
                    : "no tuning file at " + file + ": runs use the derived shapes");
            return 0;
        }
        Tandem.setNumThreads(threads);
        System.out.println("timing on " + threads + " thread(s) ...");
        Tuner tuner = new Tuner(System.out);
        KernelShapes chosen = tuner.tune(derived);
        System.out.println("chosen: " + chosen);
        if (dryRun) {
            System.out.println("--dry-run: " + file + " left as it is");
        } else {
            tuner.notes().add(0, "timed on " + threads + " thread(s); derived: " + derived);
            System.out.println("written: " + Tuning.store(f, chosen, tuner.notes()));
        }
        return 0;
    }
}
