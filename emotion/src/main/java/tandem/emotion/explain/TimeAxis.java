package tandem.emotion.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tandem.emotion.protocol.SubSegment;

/**
 * Seconds within the clip for the steps of a feature map's time axis. Every time axis of the model (video frames
 * after striding, MFCC frames after pooling) spans the whole sub-segment, so step i of T covers
 * [start + i d / T, start + (i + 1) d / T) with d the sub-segment's duration.
 */
record TimeAxis(double start, double end, int steps) {
    TimeAxis {
        if (steps < 1 || !(end > start)) throw new IllegalArgumentException("time axis: " + steps + " steps over [" + start + ", " + end + ") s");
    }

    static TimeAxis of(SubSegment segment, int steps) { return new TimeAxis(segment.start(), segment.end(), steps); }

    /** Centre of step i, seconds. */
    double centre(int i) { return start + (i + 0.5) * (end - start) / steps; }

    double[] centres() {
        double[] out = new double[steps];
        for (int i = 0; i < steps; i++) out[i] = centre(i);
        return out;
    }

    /** "1.23" for every step: heatmap axis labels. */
    List<String> labels() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < steps; i++) out.add(String.format(Locale.ROOT, "%.2f", centre(i)));
        return out;
    }
}
