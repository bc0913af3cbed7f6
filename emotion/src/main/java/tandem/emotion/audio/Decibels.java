package tandem.emotion.audio;

/** librosa.power_to_db with ref=1.0 and amin=1e-10. */
public final class Decibels {

    /** Power below this counts as this, so silence maps to -100 dB instead of minus infinity. */
    public static final double AMIN = 1e-10;
    public static final double REF = 1.0;

    private Decibels() {}

    /**
     * 10 log10(max(AMIN, s) / REF), then everything below (loudest cell - topDb) raised to it.
     * The loudest cell is taken over the whole matrix, not per frame.
     */
    public static double[][] powerToDb(double[][] power, double topDb) {
        if (!(topDb >= 0)) throw new IllegalArgumentException("powerToDb: top_db " + topDb + " must be non-negative");
        double refDb = 10 * Math.log10(Math.max(AMIN, REF));
        double[][] db = new double[power.length][];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < power.length; i++) {
            db[i] = new double[power[i].length];
            for (int t = 0; t < power[i].length; t++) {
                double v = 10 * Math.log10(Math.max(AMIN, power[i][t])) - refDb;
                db[i][t] = v;
                max = Math.max(max, v);
            }
        }
        if (topDb != Double.POSITIVE_INFINITY) {
            double floor = max - topDb;
            for (double[] row : db) {
                for (int t = 0; t < row.length; t++) row[t] = Math.max(row[t], floor);
            }
        }
        return db;
    }
}
