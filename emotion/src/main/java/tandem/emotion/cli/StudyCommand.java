package tandem.emotion.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tandem.emotion.grid.GridSpec;

/** The shipped control study: every corpus regime x every fusion variant x both heads, plus single-modality models. */
@Command(name = "study", mixinStandardHelpOptions = true,
        description = {"Run the control study shipped with Tandem: corpus regimes (null, appearance, voice, lag, complementary,"
                + " mixed) x fusion (none, gated, msaf, window, and window-token where this build has it) x head (linear,"
                + " classmap), plus video-only and audio-only models; subject-independent 4-fold, best-val selection.",
            "It is a grid (see ./tandem grid); --print-spec writes its spec to start your own. On 2 cores it takes about"
                + " an hour and a half (see README); stop it any time and continue with --resume."})
public final class StudyCommand implements Callable<Integer> {
    static final String RESOURCE = "/tandem/emotion/grid/study.json";

    @Option(names = "--out", description = "run folder (default: runs/study-<time>)")
    Path out;


    @Option(names = "--regimes", split = ",", paramLabel = "R,R", description = "only these regimes (default: all six)")
    List<String> regimes;

    @Option(names = "--epochs", description = "epochs per cell at most (default: the spec's 8)")
    Integer epochs;

    @Mixin
    GridRunOptions options;

    @Option(names = "--print-spec", description = "print the study's grid spec (JSON) and exit")
    boolean printSpec;

    @Override
    public Integer call() throws Exception {
        String text = shippedSpec();
        if (printSpec) {
            System.out.print(text);
            return 0;
        }
        GridSpec spec = GridSpec.parse(text, Path.of("."));
        if (regimes != null || epochs != null) {
            spec = spec.scaled(epochs != null ? epochs : spec.train().epochs(), spec.folds(), spec.seeds(),
                    regimes != null ? regimes : spec.regimes());
            spec = GridSpec.parse(spec.toJson(), Path.of("."));     // checks the regimes named
        }
        if (out == null) {
            if (options.resume || options.reportOnly) throw new IllegalArgumentException("--resume and --report-only need --out: the study's run folder");
            out = Path.of("runs", "study-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        return GridCommand.run(spec, out, options);
    }

    static String shippedSpec() throws IOException {
        try (InputStream in = StudyCommand.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IOException("the study spec " + RESOURCE + " is missing from the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
