package tandem.emotion.infer;

import java.nio.file.Path;
import java.util.List;
import tandem.emotion.model.EmotionModel;
import tandem.emotion.model.InputSpec;
import tandem.emotion.model.ModelSpec;

/**
 * A model restored from a checkpoint, in eval mode, with what is needed to feed it and read its output.
 *
 * @param file    the checkpoint it came from
 * @param model   the network with the checkpoint's weights
 * @param classes class names in logit order
 * @param input   the input geometry of the model's preset (30-frame sub-segments, clip size, MFCC front end)
 */
public record TrainedModel(Path file, EmotionModel model, List<String> classes, InputSpec input) {
    public TrainedModel {
        classes = List.copyOf(classes);
    }

    public ModelSpec spec() { return model.spec(); }
}
