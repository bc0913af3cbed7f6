package tandem.emotion.infer;

/** What one epoch of one fold measured. Test figures use the model after this epoch, in eval mode. */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy, double seconds) {}
