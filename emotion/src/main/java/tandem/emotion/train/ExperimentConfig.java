package tandem.emotion.train;

import java.nio.file.Path;
import tandem.emotion.protocol.Folds;

/**
 * A whole experiment: which data, which model, the protocol (random or subject k-fold, repeats of class-balanced
 * sub-segment sampling), and how each fold trains.
 *
 * @param perClassCap at most this many sub-segments per class in each repeat (0: no cap, use the smallest class)
 */
public record ExperimentConfig(Path manifest, String modelSpec, Folds.Kind protocol, int folds, int repeats,
                               int perClassCap, TrainConfig train, String device) {
    public ExperimentConfig {
        if (folds < 2 || folds > 1000) throw new IllegalArgumentException("--folds must be 2 to 1000, got " + folds);
        if (repeats < 1 || repeats > 1000) throw new IllegalArgumentException("--repeats must be 1 to 1000, got " + repeats);
        if (perClassCap < 0) throw new IllegalArgumentException("per-class cap (--per-class) must be >= 0, got " + perClassCap);
    }
}
