package tandem.emotion.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tandem.emotion.explain.AttentionWalkthrough;
import tandem.emotion.explain.TeachingPage;

/** The teaching walkthrough of the windowed cross-attention block on a tiny input. */
@Command(name = "attention", mixinStandardHelpOptions = true,
        description = "Walk through the windowed cross-attention fusion on a tiny input (video 6 channels x 8 steps, audio 4"
                + " channels x 12 steps), printing every intermediate: context vectors, windows, q, k, v, scores, softmax"
                + " weights, gates and the scaled feature maps, in both directions.")
public final class AttentionCommand implements Callable<Integer> {
    @Spec
    private CommandSpec command;

    @Option(names = "--windows", defaultValue = "2", description = "number of windows W, 1 to 8 (default: ${DEFAULT-VALUE})")
    private int windows;

    @Option(names = "--dim", defaultValue = "4", description = "width D of queries, keys and values (default: ${DEFAULT-VALUE})")
    private int dim;

    @Option(names = "--backward", description = "also print the backward pass: upstream gradient, each local derivative, each input's gradient")
    private boolean backward;

    @Option(names = "--html", paramLabel = "FILE", description = "write the walkthrough, forward and backward, as one self-contained"
            + " HTML page to click through, precomputed for W = 1 to 4 (and --windows) with a slider; nothing is printed")
    private Path html;

    @Mixin
    SeedOption seed;

    @Override
    public Integer call() throws IOException {
        if (windows < 1) throw new IllegalArgumentException("--windows must be at least 1, got " + windows);
        if (html == null) {
            AttentionWalkthrough.run(windows, dim, seed.seed, command.commandLine().getOut(), backward);
            return 0;
        }
        AttentionWalkthrough.trace(windows, dim, seed.seed);   // a bad --windows or --dim fails here, before anything is written
        TeachingPage.writeWalkthrough(html, TeachingPage.windowCounts(windows), windows, dim, seed.seed);
        command.commandLine().getOut().println("wrote " + html);
        command.commandLine().getOut().flush();
        return 0;
    }
}
