package tandem.emotion.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import tandem.tensor.Device;
import tandem.tensor.profile.Ceilings;
import tandem.tensor.profile.Profile;
import tandem.tensor.profile.Profiler;

/** {@code --profile} and {@code --profile-dir}: record every backend op of a command (picocli mixin). */
final class ProfileOption {
    /** Rows of the table printed at the end; profile.txt has them all. */
    static final int PRINTED_ROWS = 20;

    @Option(names = "--profile", description = "record every backend op (time, FLOPs, bytes, phase, module) and write a table,"
            + " a Chrome trace (chrome://tracing, ui.perfetto.dev) and JSON to --profile-dir; the roofline ceilings are measured at the end (about a second)")
    boolean enabled;

    @Option(names = "--profile-dir", paramLabel = "DIR", description = "where --profile writes profile.txt, trace.json and profile.json"
            + " (default: profile/ in --out for train, ./profile otherwise)")
    Path dir;

    /**
     * Runs {@code body}; with --profile, inside a recording, then prints the table to {@code out} and writes the files.
     * The ceilings are measured after the recording has stopped, so their own ops are not in it and the kernels they
     * time have been compiled by the JIT during the run.
     */
    <T> T run(Path defaultDir, Device device, PrintWriter out, Callable<T> body) throws Exception {
        if (!enabled) return body.call();
        Path target = dir != null ? dir : defaultDir;
        Profile profile;
        T result;
        try (Profiler p = Profiler.start()) {
            result = body.call();
            profile = p.stop();
        }
        Ceilings ceilings = Ceilings.measure(device);
        profile.writeTo(target, ceilings);
        out.println();
        out.print(profile.table(ceilings, PRINTED_ROWS));
        out.println("profile: every op in " + target.resolve("profile.txt") + "; trace " + target.resolve("trace.json")
                + " (open it in ui.perfetto.dev or chrome://tracing)");
        out.flush();
        return result;
    }
}
