package tandem.emotion.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --checkpoint}, shared by the commands that use a trained model (picocli mixin). */
final class CheckpointOption {
    @Option(names = "--checkpoint", required = true, description = "a checkpoint written by train (.safetensors)")
    Path checkpoint;
}
