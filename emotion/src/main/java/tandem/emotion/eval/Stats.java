package tandem.emotion.eval;

/** Mean and spread of a metric over folds and repeats. */
public record Stats(double mean, double std, double min, double max, int n) {
    /** Sample standard deviation (n - 1); 0 for a single value. */
    public static Stats of(double[] values) {
        if (values.length == 0) return new Stats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        double mean = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            mean += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        mean /= values.length;
        double ss = 0;
        for (double v : values) ss += (v - mean) * (v - mean);
        double std = values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : 0;
        return new Stats(mean, std, min, max, values.length);
    }

    @Override
    public String toString() { return String.format("%.3f ± %.3f", mean, std); }
}
