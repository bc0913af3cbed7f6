package tandem.emotion.explain;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tandem.autograd.GradMode;
import tandem.autograd.Var;
import tandem.emotion.model.fusion.FusionBlock;
import tandem.emotion.model.fusion.WindowOptions;
import tandem.emotion.model.fusion.WindowedCrossAttention;
import tandem.nn.Module;
import tandem.nn.Seeds;
import tandem.nn.layers.Linear;
import tandem.tensor.Shape;
import tandem.tensor.Tensor;
import tandem.tensor.TimeWindows;

/**
 * The windowed cross-attention of the seed paper (section 4.1) worked through on a tiny input, every intermediate
 * printed. The numbers are the real block's: a {@link WindowedCrossAttention} is built, and its own query, key, value
 * and output layers are called step by step with the same operations its forward pass uses. At the end the block's
 * forward pass runs on the same input, and its attention weights, gates and fused maps are compared with the
 * walkthrough's.
 */
public final class AttentionWalkthrough {
    /** The tiny input: video feature maps (1, 6, 8, 2, 2), audio feature maps (1, 4, 12). */
    public static final int VIDEO_CHANNELS = 6, VIDEO_STEPS = 8, HEIGHT = 2, WIDTH = 2, AUDIO_CHANNELS = 4, AUDIO_STEPS = 12;

    /**
     * What the walkthrough computed, and what the block's forward pass gave on the same input.
     *
     * @param block         the block the walkthrough used
     * @param video         the input video feature maps (1, Cv, Tv, H, W)
     * @param audio         the input audio feature maps (1, Ca, L)
     * @param fusedVideo    the walkthrough's F'_v (eq. 6)
     * @param fusedAudio    the walkthrough's F'_a
     * @param forwardVideo  the block's own {@code forward} output for the video
     * @param forwardAudio  the block's own {@code forward} output for the audio
     * @param weights       per direction ("video_to_audio", "audio_to_video") the weights of every window (Sq_i, Sk_i)
     * @param maxDifference the largest |walkthrough - block| over fused maps, weights and gates
     */
    public record Result(WindowedCrossAttention block, Tensor video, Tensor audio, Tensor fusedVideo, Tensor fusedAudio,
                         Tensor forwardVideo, Tensor forwardAudio, Map<String, List<Tensor>> weights, double maxDifference) {}

    private final PrintWriter out;
    private final WindowedCrossAttention block;
    private final int windows, dim;

    private AttentionWalkthrough(PrintWriter out, WindowedCrossAttention block, int windows, int dim) {
        this.out = out;
        this.block = block;
        this.windows = windows;
        this.dim = dim;
    }

    /** The block with {@code windows} windows and width {@code dim}, its weights and the input drawn from {@code seed}. */
    public static Result run(int windows, int dim, long seed, PrintWriter out) {
        WindowOptions options = WindowOptions.defaults().withWindows(windows).withDim(dim);
        options.resolve(VIDEO_STEPS, AUDIO_STEPS);   // a window count that does not fit fails here, with the block's message
        Seeds.set(seed);
        WindowedCrossAttention block = new WindowedCrossAttention(VIDEO_CHANNELS, AUDIO_CHANNELS, options);
        Tensor video = Tensor.randn(seed * 2 + 1, 1, VIDEO_CHANNELS, VIDEO_STEPS, HEIGHT, WIDTH);
        Tensor audio = Tensor.randn(seed * 2 + 2, 1, AUDIO_CHANNELS, AUDIO_STEPS);
        try (GradMode off = GradMode.off()) {
            return new AttentionWalkthrough(out, block, windows, dim).walk(video, audio);
        } finally {
            out.flush();
        }
    }

    private Result walk(Tensor videoMaps, Tensor audioMaps) {
        Var fv = Var.constant(videoMaps), fa = Var.constant(audioMaps);
        out.printf(Locale.ROOT, "Windowed cross-attention, step by step (seed paper, section 4.1): W = %d windows, D = %d, gate = sigmoid, no residual.%n", windows, dim);
        out.println("A batch of one clip; the batch axis is left out of every printed tensor.");

        section("1. Feature maps in");
        out.printf(Locale.ROOT, "F_v: video feature maps (Cv, Tv, H, W) = %s; channel 0 of %d shown (Tv, H, W):%n",
                Shape.str(fv.data().squeeze(0).shape()), VIDEO_CHANNELS);
        out.println(fv.data().squeeze(0).narrow(0, 0, 1).squeeze(0));
        show("F_a: audio feature maps (Ca, L)", fa);

        section("2. Context vectors: collapse space by global average pooling");
        Var videoContext = fv.mean(false, 3, 4);   // (1, Cv, Tv)
        show("F_v^c = mean of F_v over H and W (Cv, Tv)", videoContext);
        show("F_a^c = F_a, audio has no spatial axes (Ca, L)", fa);

        section("3. Time windows: the same fractions of the clip on both axes");
        TimeWindows vw = new TimeWindows(VIDEO_STEPS, windows), aw = new TimeWindows(AUDIO_STEPS, windows);
        out.printf(Locale.ROOT, "Window i covers steps [floor(i T / W), floor((i+1) T / W)) of an axis of length T. Video has T = %d, audio L = %d;%n", VIDEO_STEPS, AUDIO_STEPS);
        out.println("cutting both by the same fractions i/W makes window i span the same stretch of real time in both modalities.");
        for (int i = 0; i < windows; i++) {
            out.printf(Locale.ROOT, "  window %d: video steps %2d..%2d (%.3f..%.3f of the clip)   audio steps %2d..%2d (%.3f..%.3f of the clip)%n", i,
                    vw.start(i), vw.start(i) + vw.size(i) - 1, (double) vw.start(i) / VIDEO_STEPS, (double) (vw.start(i) + vw.size(i)) / VIDEO_STEPS,
                    aw.start(i), aw.start(i) + aw.size(i) - 1, (double) aw.start(i) / AUDIO_STEPS, (double) (aw.start(i) + aw.size(i)) / AUDIO_STEPS);
        }

        Var videoTokens = videoContext.transpose(1, 2), audioTokens = fa.transpose(1, 2);   // (1, Tv, Cv), (1, L, Ca)
        Map<String, List<Tensor>> weights = new TreeMap<>();
        Var videoGate = direction("4", "video_to_audio", "video", "audio", videoTokens, audioTokens, vw, aw, weights);   // (1, Cv, Tv)
        Var audioGate = direction("5", "audio_to_video", "audio", "video", audioTokens, videoTokens, aw, vw, weights);   // (1, Ca, L)

        section("6. Scale the feature maps (eq. 6): F' = {F_v * A_v, F_a * A_a}, A_v broadcast over H and W");
        Var fusedVideo = fv.mul(videoGate.reshape(1, VIDEO_CHANNELS, VIDEO_STEPS, 1, 1));
        Var fusedAudio = fa.mul(audioGate);
        out.println("F'_v (Cv, Tv, H, W), channel 0 shown (Tv, H, W): every pixel of step t is F_v times A_v[0, t]:");
        out.println(fusedVideo.data().squeeze(0).narrow(0, 0, 1).squeeze(0));
        show("F'_a (Ca, L)", fusedAudio);

        return check(fv, fa, fusedVideo, fusedAudio, videoGate, audioGate, weights);
    }

    // one direction: `queries` modality asks `keys` modality, window by window; returns the gates (1, Cq, Tq)
    private Var direction(String number, String child, String queries, String keys, Var queryTokens, Var keyTokens,
                          TimeWindows queryWindows, TimeWindows keyWindows, Map<String, List<Tensor>> weights) {
        Module direction = block.children().get(child);
        Linear wq = layer(direction, "query"), wk = layer(direction, "key"), wv = layer(direction, "value"), wo = layer(direction, "out");
        String q1 = queries.substring(0, 1), k1 = keys.substring(0, 1);
        section(number + ". " + cap(queries) + " queries " + keys + " (eqs. 1-5): q = w_q " + q1 + "_s, k = w_k " + k1 + "_s, v = w_v " + k1 + "_s");
        out.printf(Locale.ROOT, "Module %s: query %s, key %s, value %s, out %s (weights are (out, in)).%n", child,
                Shape.str(wq.weight().shape()), Shape.str(wk.weight().shape()), Shape.str(wv.weight().shape()), Shape.str(wo.weight().shape()));
        List<Tensor> perWindow = new ArrayList<>();
        Var[] outputs = new Var[windows];
        for (int i = 0; i < windows; i++) {
            out.printf(Locale.ROOT, "%n-- window %d: %s steps %d..%d query %s steps %d..%d --%n", i, queries, queryWindows.start(i),
                    queryWindows.start(i) + queryWindows.size(i) - 1, keys, keyWindows.start(i), keyWindows.start(i) + keyWindows.size(i) - 1);
            Var xs = queryTokens.narrow(1, queryWindows.start(i), queryWindows.size(i));   // (1, Sq, Cq)
            Var ys = keyTokens.narrow(1, keyWindows.start(i), keyWindows.size(i));         // (1, Sk, Ck)
            Var q = wq.forward(xs), k = wk.forward(ys), v = wv.forward(ys);
            show("q = w_q " + q1 + "_s (Sq, D)", q);
            show("k = w_k " + k1 + "_s (Sk, D)", k);
            show("v = w_v " + k1 + "_s (Sk, D)", v);
            Var scores = q.matmul(k.transpose(-1, -2)).mul(1.0 / Math.sqrt(dim));
            show(String.format(Locale.ROOT, "scores = q k^T / sqrt(D), sqrt(D) = %.4f (Sq, Sk)  (eqs. 3-4)", Math.sqrt(dim)), scores);
            Var w = scores.softmax(-1);
            show("weights = softmax over each row (Sq, Sk): row l is how " + queries + " step l spreads its attention over the window's " + keys + " steps", w);
            show("row sums (each is 1)", w.sum(false, 2));
            outputs[i] = w.matmul(v);
            show("attention output = weights v (Sq, D)  (eq. 4)", outputs[i]);
            perWindow.add(w.data().squeeze(0));
        }
        weights.put(child, perWindow);
        Var attended = Var.cat(1, outputs);                                   // (1, Tq, D)
        out.println();
        show("all windows joined along time (Tq, D)", attended);
        Var projected = wo.forward(attended).transpose(1, 2);                 // (1, Cq, Tq)
        show("projected back to " + queries + " channels: out(attention) transposed (Cq, Tq)", projected);
        Var gate = projected.sigmoid();
        show("A_" + q1 + " = sigmoid(projection), one gate per channel and time step (Cq, Tq)", gate);
        return gate;
    }

    private Result check(Var fv, Var fa, Var fusedVideo, Var fusedAudio, Var videoGate, Var audioGate, Map<String, List<Tensor>> weights) {
        section("7. Check: the block's own forward pass on the same input");
        Map<String, Tensor> taps = new TreeMap<>();
        block.observe((path, v) -> taps.put(path, v.data()));
        FusionBlock.Fused fused;
        try {
            fused = block.forward(fv, fa);
        } finally {
            block.clearObservers();
        }
        double diff = Math.max(maxAbsDiff(fused.video().data(), fusedVideo.data()), maxAbsDiff(fused.audio().data(), fusedAudio.data()));
        double gateDiff = Math.max(maxAbsDiff(taps.get("gate_video"), videoGate.data()), maxAbsDiff(taps.get("gate_audio"), audioGate.data()));
        double weightDiff = 0;
        for (var e : weights.entrySet()) {
            String tap = "attn_" + e.getKey();
            for (int i = 0; i < windows; i++) {
                Tensor fromBlock = taps.containsKey(tap) ? taps.get(tap).squeeze(0).narrow(0, i, 1).squeeze(0) : taps.get(tap + ".window" + i).squeeze(0);
                weightDiff = Math.max(weightDiff, maxAbsDiff(fromBlock, e.getValue().get(i)));
            }
        }
        boolean batched = taps.containsKey("attn_video_to_audio");
        out.printf(Locale.ROOT, "WindowedCrossAttention.forward %s.%n", batched
                ? "ran all windows as one batch (both axes divide evenly into W) and published attn_* as (B, W, Sq, Sk)"
                : "ran window by window (an axis does not divide evenly into W) and published attn_*.window<i>");
        out.printf(Locale.ROOT, "max |walkthrough - block|: attention weights %.1e, gates %.1e, fused maps %.1e%n", weightDiff, gateDiff, diff);
        return new Result(block, fv.data(), fa.data(), fusedVideo.data(), fusedAudio.data(), fused.video().data(), fused.audio().data(),
                weights, Math.max(diff, Math.max(gateDiff, weightDiff)));
    }

    static double maxAbsDiff(Tensor a, Tensor b) {
        double[] x = a.toDoubleArray(), y = b.toDoubleArray();
        if (x.length != y.length) throw new IllegalStateException("walkthrough: comparing " + Shape.str(a.shape()) + " with " + Shape.str(b.shape()));
        double m = 0;
        for (int i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
        return m;
    }

    private static Linear layer(Module direction, String name) { return (Linear) direction.children().get(name); }

    private void section(String title) {
        out.println();
        out.println("== " + title);
    }

    private void show(String label, Var v) {
        out.println(label + ":");
        out.println(v.data().squeeze(0));
    }

    private static String cap(String s) { return Character.toUpperCase(s.charAt(0)) + s.substring(1); }
}
