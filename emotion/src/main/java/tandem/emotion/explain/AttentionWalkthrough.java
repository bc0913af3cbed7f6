package tandem.emotion.explain;

import static tandem.emotion.explain.Trace.Phase.FORWARD;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tandem.autograd.GradMode;
import tandem.autograd.Var;
import tandem.emotion.model.fusion.WindowOptions;
import tandem.emotion.model.fusion.WindowedCrossAttention;
import tandem.nn.Module;
import tandem.nn.Seeds;
import tandem.nn.layers.Linear;
import tandem.tensor.Shape;
import tandem.tensor.Tensor;
import tandem.tensor.TimeWindows;

/**
 * The windowed cross-attention of the seed paper (section 4.1) worked through on a tiny input, forward and then
 * backward, every intermediate recorded in a {@link Trace}. The numbers are the real block's: a
 * {@link WindowedCrossAttention} is built, and its own query, key, value and output layers are called step by step
 * with the same operations its forward pass uses. The block's own forward pass then runs on the same input
 * ({@link BlockCheck}), and {@link BackwardWalkthrough} takes the gradients back through every step by hand, each
 * compared with what autograd computed for the same value.
 */
public final class AttentionWalkthrough {
    /** The tiny input: video feature maps (1, 6, 8, 2, 2), audio feature maps (1, 4, 12). */
    public static final int VIDEO_CHANNELS = 6, VIDEO_STEPS = 8, HEIGHT = 2, WIDTH = 2, AUDIO_CHANNELS = 4, AUDIO_STEPS = 12;

    // where the real block does what each step does
    static final CodeRef BLOCK_FORWARD = CodeRef.method("tandem.emotion.model.fusion.WindowedCrossAttention", "forward"),
            LINEAR = CodeRef.method("tandem.nn.layers.Linear", "forward"),
            ATTENTION = CodeRef.method("tandem.nn.layers.Attention", "scaledDotProduct"),
            PROJECT = CodeRef.method("tandem.emotion.model.fusion.CrossAttentionDirection", "project"),
            GATE = CodeRef.method("tandem.emotion.model.fusion.GateActivation", "apply"),
            WINDOWS = CodeRef.method("tandem.tensor.TimeWindows", "start");

    /**
     * What the walkthrough computed, and what the block gave on the same input.
     *
     * @param title         the walkthrough's first line
     * @param trace         every step, forward and backward
     * @param block         the block the walkthrough used
     * @param video         the input video feature maps (1, Cv, Tv, H, W)
     * @param audio         the input audio feature maps (1, Ca, L)
     * @param fusedVideo    the walkthrough's F'_v (eq. 6)
     * @param fusedAudio    the walkthrough's F'_a
     * @param forwardVideo  the block's own {@code forward} output for the video (its default path, the fused kernel)
     * @param forwardAudio  the same for the audio
     * @param weights       per direction ("video_to_audio", "audio_to_video") the weights of every window (Sq_i, Sk_i)
     * @param maxDifference the largest |walkthrough - block| over fused maps, weights and gates, both block paths
     * @param gradients     the backward pass: upstream gradients, and each input's gradient by hand and by autograd
     */
    public record Result(String title, Trace trace, WindowedCrossAttention block, Tensor video, Tensor audio, Tensor fusedVideo,
                         Tensor fusedAudio, Tensor forwardVideo, Tensor forwardAudio, Map<String, List<Tensor>> weights,
                         double maxDifference, BackwardWalkthrough.Gradients gradients) {}

    /**
     * One direction's forward values, every one kept for the backward pass (per window: index i).
     * x: query tokens (1, Sq, Cq), y: key tokens (1, Sk, Ck), q (1, Sq, D), k and v (1, Sk, D), scores and weights
     * (1, Sq, Sk), output (1, Sq, D); joined (1, Tq, D), projected and gate (1, Cq, Tq).
     */
    record DirectionPass(String child, String queries, String keys, int firstStep, Linear wq, Linear wk, Linear wv, Linear wo,
                         TimeWindows queryWindows, TimeWindows keyWindows, Var[] x, Var[] y, Var[] q, Var[] k, Var[] v,
                         Var[] scores, Var[] weights, Var[] output, Var joined, Var projected, Var gate) {}

    private final Trace trace = new Trace();
    private final WindowedCrossAttention block;
    private final int windows, dim;
    private final long seed;

    private AttentionWalkthrough(WindowedCrossAttention block, int windows, int dim, long seed) {
        this.block = block;
        this.windows = windows;
        this.dim = dim;
        this.seed = seed;
    }

    /** The block with {@code windows} windows and width {@code dim}, its weights and the input drawn from {@code seed}. */
    public static Result trace(int windows, int dim, long seed) {
        WindowOptions options = WindowOptions.defaults().withWindows(windows).withDim(dim);
        options.resolve(VIDEO_STEPS, AUDIO_STEPS);   // a window count that does not fit fails here, with the block's message
        Seeds.set(seed);
        WindowedCrossAttention block = new WindowedCrossAttention(VIDEO_CHANNELS, AUDIO_CHANNELS, options);
        Tensor video = Tensor.randn(seed * 2 + 1, 1, VIDEO_CHANNELS, VIDEO_STEPS, HEIGHT, WIDTH);
        Tensor audio = Tensor.randn(seed * 2 + 2, 1, AUDIO_CHANNELS, AUDIO_STEPS);
        try (GradMode on = GradMode.on()) {
            return new AttentionWalkthrough(block, windows, dim, seed).walk(video, audio);
        }
    }

    /** {@link #trace}, printed: the forward steps, and the backward steps too when {@code backward}. */
    public static Result run(int windows, int dim, long seed, PrintWriter out, boolean backward) {
        Result r = trace(windows, dim, seed);
        TracePrinter.print(r, backward, out);
        return r;
    }

    /** The forward steps, printed. */
    public static Result run(int windows, int dim, long seed, PrintWriter out) { return run(windows, dim, seed, out, false); }

    private Result walk(Tensor videoMaps, Tensor audioMaps) {
        String title = String.format(Locale.ROOT, "Windowed cross-attention, step by step (seed paper, section 4.1): W = %d windows, D = %d,"
                + " gate = sigmoid, no residual.", windows, dim);
        Var fv = Var.param(videoMaps), fa = Var.param(audioMaps);   // leaves: the backward pass ends in their gradients

        trace.step("inputs", FORWARD, "1. Feature maps in");
        trace.text("A batch of one clip; the batch axis is left out of every tensor shown. Drawn with seed %d.", seed);
        trace.showSliced("F_v: video feature maps (Cv, Tv, H*W), the H x W = 2 x 2 pixels of each time step in one row", pixelsInRows(videoMaps),
                "channel 0 of " + VIDEO_CHANNELS + " shown (Tv, H*W)", null);
        trace.show("F_a: audio feature maps (Ca, L)", fa, null);

        trace.step("context", FORWARD, "2. Context vectors: collapse space by global average pooling");
        trace.text("Each video step's H x W grid is averaged to one number per channel: the block asks when, not where.");
        Var videoContext = trace.show("F_v^c = mean of F_v over H and W (Cv, Tv)", fv.mean(false, 3, 4), BLOCK_FORWARD).retainGrad();
        trace.show("F_a^c = F_a, audio has no spatial axes (Ca, L)", fa, BLOCK_FORWARD);

        TimeWindows vw = new TimeWindows(VIDEO_STEPS, windows), aw = new TimeWindows(AUDIO_STEPS, windows);
        windowsStep(vw, aw);

        Var videoTokens = videoContext.transpose(1, 2), audioTokens = fa.transpose(1, 2).retainGrad();   // (1, Tv, Cv), (1, L, Ca)
        DirectionPass v2a = direction(4, "video_to_audio", "video", "audio", videoTokens, audioTokens, vw, aw);
        DirectionPass a2v = direction(9, "audio_to_video", "audio", "video", audioTokens, videoTokens, aw, vw);

        trace.step("scale", FORWARD, "14. Scale the feature maps (eq. 6): F' = {F_v * A_v, F_a * A_a}, A_v broadcast over H and W");
        Var fusedVideo = fv.mul(v2a.gate().reshape(1, VIDEO_CHANNELS, VIDEO_STEPS, 1, 1)).retainGrad();
        trace.showSliced("F'_v (Cv, Tv, H*W): every pixel of step t is F_v times A_v[c, t]", pixelsInRows(fusedVideo.data()),
                "channel 0 shown (Tv, H*W)", BLOCK_FORWARD);
        Var fusedAudio = trace.show("F'_a (Ca, L)", fa.mul(a2v.gate()), BLOCK_FORWARD).retainGrad();

        Map<String, List<Tensor>> weights = new TreeMap<>();
        weights.put(v2a.child(), perWindow(v2a.weights()));
        weights.put(a2v.child(), perWindow(a2v.weights()));
        BlockCheck.Forward checked = BlockCheck.forward(trace, block, videoMaps, audioMaps, fusedVideo.data(), fusedAudio.data(),
                v2a.gate().data(), a2v.gate().data(), weights);
        BackwardWalkthrough.Gradients gradients = new BackwardWalkthrough(trace, block, seed, HEIGHT * WIDTH)
                .walk(fv, fa, videoContext, audioTokens, v2a, a2v, fusedVideo, fusedAudio);
        return new Result(title, trace, block, videoMaps, audioMaps, fusedVideo.data(), fusedAudio.data(), checked.video(), checked.audio(),
                weights, checked.maxDifference(), gradients);
    }

    private void windowsStep(TimeWindows vw, TimeWindows aw) {
        trace.step("windows", FORWARD, "3. Time windows: the same fractions of the clip on both axes");
        trace.text("Window i covers steps [floor(i T / W), floor((i+1) T / W)) of an axis of length T. Video has T = %d, audio L = %d; "
                + "cutting both by the same fractions i/W makes window i span the same stretch of real time in both modalities.", VIDEO_STEPS, AUDIO_STEPS);
        trace.windows(List.of("video", "audio"), List.of(vw, aw));
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < windows; i++) {
            lines.append(String.format(Locale.ROOT, "%s  window %d: video steps %2d..%2d (%.3f..%.3f of the clip)   audio steps %2d..%2d (%.3f..%.3f of the clip)",
                    i == 0 ? "" : "\n", i, vw.start(i), vw.start(i) + vw.size(i) - 1, (double) vw.start(i) / VIDEO_STEPS,
                    (double) (vw.start(i) + vw.size(i)) / VIDEO_STEPS, aw.start(i), aw.start(i) + aw.size(i) - 1,
                    (double) aw.start(i) / AUDIO_STEPS, (double) (aw.start(i) + aw.size(i)) / AUDIO_STEPS));
        }
        trace.lines("%s", lines);
        if (vw.equal() && aw.equal()) return;
        double worst = 0;
        for (int i = 1; i < windows; i++) worst = Math.max(worst, Math.abs((double) vw.start(i) / VIDEO_STEPS - (double) aw.start(i) / AUDIO_STEPS));
        List<String> uneven = new ArrayList<>();
        if (!vw.equal()) uneven.add(VIDEO_STEPS + " video steps");
        if (!aw.equal()) uneven.add(AUDIO_STEPS + " audio steps");
        trace.text("Uneven windows: %s do not split into %d equal parts (video windows of %s steps, audio %s). A boundary i/W that "
                + "falls inside a step gives that step to the later window, so the spans above differ between the axes by up to %.3f of "
                + "the clip, less than one step of the coarser axis (1/%d). The block then runs each window on its own and joins the outputs.",
                String.join(" and ", uneven), windows, sizes(vw), sizes(aw), worst, Math.min(VIDEO_STEPS, AUDIO_STEPS));
    }

    private static String sizes(TimeWindows w) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < w.count(); i++) out.add(Integer.toString(w.size(i)));
        return String.join(", ", out);
    }

    // one direction: `queries` asks `keys`, window by window, in five steps numbered from `first`
    private DirectionPass direction(int first, String child, String queries, String keys, Var queryTokens, Var keyTokens,
                                    TimeWindows qw, TimeWindows kw) {
        Module direction = block.children().get(child);
        Linear wq = layer(direction, "query"), wk = layer(direction, "key"), wv = layer(direction, "value"), wo = layer(direction, "out");
        String q1 = queries.substring(0, 1), k1 = keys.substring(0, 1), who = cap(queries) + " queries " + keys;
        Var[] x = new Var[windows], y = new Var[windows], q = new Var[windows], k = new Var[windows], v = new Var[windows];
        Var[] scores = new Var[windows], weights = new Var[windows], output = new Var[windows];

        trace.step(child + "-qkv", FORWARD, first + ". " + who + ": q = w_q " + q1 + "_s, k = w_k " + k1 + "_s, v = w_v " + k1 + "_s (eqs. 1, 5)");
        trace.text("Module %s: query %s, key %s, value %s, out %s (weights are (out, in)). Each is a Linear layer over the channel axis.", child,
                Shape.str(wq.weight().shape()), Shape.str(wk.weight().shape()), Shape.str(wv.weight().shape()), Shape.str(wo.weight().shape()));
        for (int i = 0; i < windows; i++) {
            windowHeader(i, queries, keys, qw, kw);
            x[i] = queryTokens.narrow(1, qw.start(i), qw.size(i)).retainGrad();   // (1, Sq, Cq)
            y[i] = keyTokens.narrow(1, kw.start(i), kw.size(i)).retainGrad();     // (1, Sk, Ck)
            q[i] = trace.show("q = w_q " + q1 + "_s (Sq, D)", wq.forward(x[i]), LINEAR).retainGrad();
            k[i] = trace.show("k = w_k " + k1 + "_s (Sk, D)", wk.forward(y[i]), LINEAR).retainGrad();
            v[i] = trace.show("v = w_v " + k1 + "_s (Sk, D)", wv.forward(y[i]), LINEAR).retainGrad();
        }

        trace.step(child + "-scores", FORWARD, (first + 1) + ". " + who + ": scores = q k^T / sqrt(D) (eqs. 3-4)");
        trace.text("One row per %s step (query), one column per %s step (key) of the same window; sqrt(D) = %.4f.", queries, keys, Math.sqrt(dim));
        for (int i = 0; i < windows; i++) {
            windowHeader(i, queries, keys, qw, kw);
            scores[i] = trace.show("scores = q k^T / sqrt(D) (Sq, Sk)", q[i].matmul(k[i].transpose(-1, -2)).mul(1.0 / Math.sqrt(dim)), ATTENTION).retainGrad();
        }

        trace.step(child + "-softmax", FORWARD, (first + 2) + ". " + who + ": softmax over each row (eqs. 2-4)");
        trace.text("The softmax turns each row of scores into a distribution over the window's %s steps, which is why every row sums to 1.", keys);
        for (int i = 0; i < windows; i++) {
            windowHeader(i, queries, keys, qw, kw);
            weights[i] = trace.showProbabilities("weights = softmax over each row (Sq, Sk): row l is how " + queries + " step l spreads its attention over the window's "
                    + keys + " steps", scores[i].softmax(-1), ATTENTION).retainGrad();
            trace.show("row sums (each is 1)", weights[i].data().sum(false, 2).squeeze(0), null);
        }

        trace.step(child + "-output", FORWARD, (first + 3) + ". " + who + ": attention output = weights v (eq. 4)");
        trace.text("Output row l is the average of the value rows, weighted by row l of the weights.");
        for (int i = 0; i < windows; i++) {
            windowHeader(i, queries, keys, qw, kw);
            output[i] = trace.show("attention output = weights v (Sq, D)", weights[i].matmul(v[i]), ATTENTION).retainGrad();
        }
        trace.window(-1);
        Var joined = trace.show("all windows joined along time (Tq, D)", Var.cat(1, output), BLOCK_FORWARD).retainGrad();

        trace.step(child + "-gate", FORWARD, (first + 4) + ". " + who + ": projection and gate A_" + q1 + " (eq. 6)");
        trace.text("The out layer projects D back to the %s channels; the sigmoid squashes each value into a gate in (0, 1), one per channel"
                + " and time step.", queries);
        Var projected = trace.show("projected back to " + queries + " channels: out(attention) transposed (Cq, Tq)",
                wo.forward(joined).transpose(1, 2), PROJECT).retainGrad();
        Var gate = trace.show("A_" + q1 + " = sigmoid(projection), one gate per channel and time step (Cq, Tq)", projected.sigmoid(), GATE).retainGrad();
        return new DirectionPass(child, queries, keys, first, wq, wk, wv, wo, qw, kw, x, y, q, k, v, scores, weights, output, joined, projected, gate);
    }

    private void windowHeader(int i, String queries, String keys, TimeWindows qw, TimeWindows kw) {
        trace.window(i);
        trace.text("-- window %d: %s steps %d..%d query %s steps %d..%d --", i, queries, qw.start(i), qw.start(i) + qw.size(i) - 1,
                keys, kw.start(i), kw.start(i) + kw.size(i) - 1);
    }

    private static List<Tensor> perWindow(Var[] weights) {
        List<Tensor> out = new ArrayList<>();
        for (Var w : weights) out.add(w.data().squeeze(0));
        return out;
    }

    /** Video maps (1, C, T, H, W) as (C, T, H*W): one row of pixels per time step. */
    static Tensor pixelsInRows(Tensor maps) {
        return maps.contiguous().reshape(maps.size(1), maps.size(2), maps.size(3) * maps.size(4));
    }

    static double maxAbsDiff(Tensor a, Tensor b) {
        double[] x = a.toDoubleArray(), y = b.toDoubleArray();
        if (x.length != y.length) throw new IllegalStateException("walkthrough: comparing " + Shape.str(a.shape()) + " with " + Shape.str(b.shape()));
        double m = 0;
        for (int i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
        return m;
    }

    private static Linear layer(Module direction, String name) { return (Linear) direction.children().get(name); }

    static String cap(String s) { return Character.toUpperCase(s.charAt(0)) + s.substring(1); }
}
