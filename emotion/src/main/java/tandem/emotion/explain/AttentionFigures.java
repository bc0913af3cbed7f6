package tandem.emotion.explain;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tandem.emotion.model.fusion.MsafBlock;
import tandem.emotion.report.Plots;
import tandem.tensor.Tensor;
import tandem.tensor.TimeWindows;

/**
 * Attention heatmaps from an {@link Explanation}: the windowed block's weights as one whole-clip matrix per direction,
 * and MSAF's block attention.
 */
final class AttentionFigures {
    private AttentionFigures() {}

    /** Tap paths of one direction: video queries audio or the reverse. */
    enum Direction {
        VIDEO_TO_AUDIO("attn_video_to_audio", "video", "audio"),
        AUDIO_TO_VIDEO("attn_audio_to_video", "audio", "video");

        final String tap, queries, keys;

        Direction(String tap, String queries, String keys) {
            this.tap = tap;
            this.queries = queries;
            this.keys = keys;
        }
    }

    /**
     * The whole sub-segment's attention of one direction as a (query steps, key steps) matrix: window i's weights sit
     * in the block where both axes are in window i, and every cell outside the windows is 0 (those pairs never meet).
     * Reads the batched tap {@code <prefix>attn_...} (1, W, Sq, Sk) or the per-window taps {@code ...window<i>}.
     */
    static double[][] wholeClip(Explanation e, String prefix, Direction d, int queryLength, int keyLength) {
        List<double[][]> windows = windowWeights(e, prefix + d.tap);
        TimeWindows queryWindows = new TimeWindows(queryLength, windows.size()), keyWindows = new TimeWindows(keyLength, windows.size());
        double[][] out = new double[queryLength][keyLength];
        for (int w = 0; w < windows.size(); w++) {
            double[][] block = windows.get(w);
            if (block.length != queryWindows.size(w) || block[0].length != keyWindows.size(w)) {
                throw new IllegalStateException(prefix + d.tap + ": window " + w + " is " + block.length + " x " + block[0].length
                        + ", expected " + queryWindows.size(w) + " x " + keyWindows.size(w));
            }
            for (int i = 0; i < block.length; i++) {
                System.arraycopy(block[i], 0, out[queryWindows.start(w) + i], keyWindows.start(w), block[i].length);
            }
        }
        return out;
    }

    // the weights of each window, (Sq_i, Sk_i), for the first clip of the batch
    private static List<double[][]> windowWeights(Explanation e, String path) {
        List<double[][]> out = new ArrayList<>();
        Tensor batched = e.tap(path);
        if (batched != null) {                                    // (1, W, Sq, Sk)
            int[] s = batched.shape();
            double[] v = batched.toDoubleArray();
            for (int w = 0; w < s[1]; w++) out.add(matrix(v, w * s[2] * s[3], s[2], s[3]));
            return out;
        }
        for (int w = 0; ; w++) {
            Tensor t = e.tap(path + ".window" + w);              // (1, Sq_i, Sk_i)
            if (t == null) break;
            out.add(matrix(t.toDoubleArray(), 0, t.size(1), t.size(2)));
        }
        if (out.isEmpty()) throw new IllegalStateException("the model published no attention weights under '" + path + "'");
        return out;
    }

    static void drawWindowed(Explanation e, String prefix, Direction d, int queryLength, int keyLength, Path png) throws IOException {
        double[][] m = wholeClip(e, prefix, d, queryLength, keyLength);
        int windows = windowWeights(e, prefix + d.tap).size();
        var segment = e.sample().segment();
        Plots.heatmap(m, TimeAxis.of(segment, queryLength).labels(), TimeAxis.of(segment, keyLength).labels(),
                d.queries + " queries " + d.keys + " (" + windows + " windows; 0 outside them)",
                d.keys + " time (s)", d.queries + " time (s)", png);
    }

    /** MSAF's block attention (blocks, block channels): video blocks first, then audio blocks. */
    static void drawBlocks(Explanation e, String prefix, MsafBlock block, Path png) throws IOException {
        Tensor t = e.tap(prefix + "attention");                   // (1, blocks, bc)
        if (t == null) throw new IllegalStateException("the MSAF block published no attention under '" + prefix + "attention'");
        int blocks = t.size(1), bc = t.size(2);
        double[][] m = matrix(t.toDoubleArray(), 0, blocks, bc);
        List<String> rows = new ArrayList<>(), cols = new ArrayList<>();
        for (int b = 0; b < blocks; b++) rows.add(b < block.videoBlocks() ? "video " + b : "audio " + (b - block.videoBlocks()));
        for (int c = 0; c < bc; c++) cols.add(Integer.toString(c));
        Plots.heatmap(m, rows, cols, "MSAF split attention (" + prefix + "attention): softmax over blocks per channel",
                "channel within block", "block", png);
    }

    private static double[][] matrix(double[] v, int offset, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) System.arraycopy(v, offset + i * cols, m[i], 0, cols);
        return m;
    }
}
