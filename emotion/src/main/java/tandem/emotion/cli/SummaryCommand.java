package tandem.emotion.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tandem.emotion.model.EmotionModel;
import tandem.emotion.model.ModelSpec;
import tandem.nn.Seeds;

/**
 * Prints a model's layers (name, output shape for one clip, own parameters), the settings each fusion block and head
 * was built with (defaults resolved: {@code fusion_late: window-token windows=... dim=64 ...}) and, as the last line,
 * {@code parameters: N}: the count over the instantiated modules. Shapes come from the layers' geometry, so the
 * full-size RAVDESS network is summarised in seconds. Rows of a block or a stage (video.layer1.0, video.layer1) follow
 * their layers and carry the block's total, so the column is not meant to be summed.
 */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Print a model's layers, output shapes and parameter counts.")
public final class SummaryCommand implements Callable<Integer> {
    @Spec
    private CommandSpec command;

    @Option(names = "--preset", defaultValue = "tiny", description = "ravdess, small or tiny (default: ${DEFAULT-VALUE})")
    private String preset;

    @Option(names = "--fusion", defaultValue = "none", description = "none (late sum) or a fusion variant: msaf, window, ... (default: ${DEFAULT-VALUE})")
    private String fusion;

    @Option(names = "--head", defaultValue = "linear", description = "classifier head: linear, classmap, ... (default: ${DEFAULT-VALUE})")
    private String head;

    @Option(names = "--classes", defaultValue = "4", description = "number of classes (default: ${DEFAULT-VALUE})")
    private int classes;

    @Option(names = "--modality", defaultValue = "both", description = "both, video or audio (default: ${DEFAULT-VALUE})")
    private String modality;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "further model spec entries, e.g. points=late, fusion.windows=2 or head.score=plain")
    private List<String> extra = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> parts = new ArrayList<>(List.of("preset=" + preset, "fusion=" + fusion, "head=" + head, "classes=" + classes, "modality=" + modality));
        parts.addAll(extra);
        ModelSpec spec;
        EmotionModel model;
        try {
            spec = ModelSpec.parse(String.join(",", parts));
            Seeds.set(0);
            model = new EmotionModel(spec);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage(), e);
        }
        PrintWriter out = command.commandLine().getOut();
        out.println("model: " + spec);
        out.print(model.summary().format());
        if (!model.settings().isEmpty()) {
            out.println("settings:");
            model.settings().forEach((part, settings) -> out.println("  " + part + ": " + settings));
        }
        out.println("parameters: " + model.parameterCount());
        out.flush();
        return 0;
    }
}
