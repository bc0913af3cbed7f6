package tandem.emotion.train;

/**
 * Optimisation settings of one fold. Adam as MSAF trains; lr on a cosine schedule without warm-up.
 *
 * @param selection          which epoch's model is tested: the last one, or the best on a validation split
 * @param validationFraction with {@link Selection#BEST_VAL}: the share of the training fold held out for validation
 *                           (one fold of a {@code round(1 / fraction)}-way split under the run's own protocol, so a
 *                           subject-independent run validates on unseen subjects too); never the test fold
 * @param patience           with {@link Selection#BEST_VAL}: stop after this many epochs without a better validation
 *                           score (0: train every epoch, then take the best)
 */
public record TrainConfig(int epochs, int batchSize, double lr, double weightDecay, long seed, Selection selection,
                          double validationFraction, int patience) {
    /** Far beyond any run that finishes; they keep a typo (1e9 epochs) from looking like a hang. */
    public static final int MAX_EPOCHS = 100_000, MAX_BATCH = 1_000_000;

    /** Which model a fold is tested with. */
    public enum Selection {
        LAST("last"), BEST_VAL("best-val");

        private final String key;

        Selection(String key) { this.key = key; }

        public String key() { return key; }

        public static Selection parse(String s) {
            for (Selection v : values()) if (v.key.equals(s)) return v;
            throw new IllegalArgumentException("--select must be last or best-val, got '" + s + "'");
        }
    }

    public TrainConfig {
        // NaN fails every comparison, so each test is written to be false for it
        if (epochs < 1 || epochs > MAX_EPOCHS) throw new IllegalArgumentException("epochs (--epochs) must be 1 to " + MAX_EPOCHS + ", got " + epochs);
        if (batchSize < 1 || batchSize > MAX_BATCH) throw new IllegalArgumentException("batch size (--batch) must be 1 to " + MAX_BATCH + ", got " + batchSize);
        if (!(lr > 0 && lr < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("learning rate (--lr) must be a finite number above 0, got " + lr);
        if (!(weightDecay >= 0 && weightDecay < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("weight decay (--weight-decay) must be a finite number >= 0, got " + weightDecay);
        }
        if (selection == Selection.BEST_VAL && !(validationFraction > 0 && validationFraction <= 0.5)) {
            throw new IllegalArgumentException("validation fraction (--val-fraction) must be in (0, 0.5], got " + validationFraction);
        }
        if (patience < 0) throw new IllegalArgumentException("patience (--patience) must be >= 0, got " + patience);
    }

    /** Tests the last epoch's model, as the paper's protocol does. */
    public TrainConfig(int epochs, int batchSize, double lr, double weightDecay, long seed) {
        this(epochs, batchSize, lr, weightDecay, seed, Selection.LAST, 0, 0);
    }

    /** The same settings, choosing the tested model by validation ({@code --select best-val}). */
    public TrainConfig withBestVal(double fraction, int patience) {
        return new TrainConfig(epochs, batchSize, lr, weightDecay, seed, Selection.BEST_VAL, fraction, patience);
    }

    public boolean selectsByValidation() { return selection == Selection.BEST_VAL; }
}
