package tandem.emotion.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tandem.emotion.explain.AttentionWalkthrough;

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

    @Mixin
    SeedOption seed;

    @Override
    public Integer call() {
        if (windows < 1) throw new IllegalArgumentException("--windows must be at least 1, got " + windows);
        AttentionWalkthrough.run(windows, dim, seed.seed, command.commandLine().getOut());
        return 0;
    }
}
