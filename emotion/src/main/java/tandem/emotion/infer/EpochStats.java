package tandem.emotion.infer;

/**
 * What one epoch of one fold measured. Test figures use the model after this epoch, in eval mode; validation
 * figures (NaN when the run selects no model by validation) come from the split carved from the training fold.
 */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy, double seconds,
                         double valLoss, double valAccuracy) {
    /** An epoch without a validation split. */
    public EpochStats(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy, double seconds) {
        this(epoch, trainLoss, trainAccuracy, testLoss, testAccuracy, seconds, Double.NaN, Double.NaN);
    }
}
