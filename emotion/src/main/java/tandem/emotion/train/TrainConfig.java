package tandem.emotion.train;

/** Optimisation settings of one fold. Adam as MSAF trains; lr on a cosine schedule without warm-up. */
public record TrainConfig(int epochs, int batchSize, double lr, double weightDecay, long seed) {
    public TrainConfig {
        if (epochs < 1 || batchSize < 1 || !(lr > 0) || weightDecay < 0) {
            throw new IllegalArgumentException("bad training config: epochs " + epochs + ", batch " + batchSize + ", lr " + lr
                    + ", weight decay " + weightDecay);
        }
    }
}
