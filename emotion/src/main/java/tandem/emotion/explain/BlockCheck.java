package tandem.emotion.explain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tandem.autograd.GradMode;
import tandem.autograd.Var;
import tandem.emotion.model.fusion.FusionBlock;
import tandem.emotion.model.fusion.WindowedCrossAttention;
import tandem.tensor.Tensor;

/**
 * The walkthrough's numbers against the real block on the same input, on both of its paths: the fused kernel (the
 * default, {@code fused=true}) and the composition of autograd primitives ({@code fused=false}), which is the
 * walkthrough's own sequence of operations.
 */
final class BlockCheck {
    private BlockCheck() {}

    /** The block's forward output on its default path, and the largest difference from the walkthrough on either path. */
    record Forward(Tensor video, Tensor audio, double maxDifference) {}

    /** The input and parameter gradients of L = sum(G_v * F'_v) + sum(G_a * F'_a) through the block's own forward. */
    record Backward(Tensor video, Tensor audio, Map<String, Tensor> parameters) {}

    private record Run(Tensor video, Tensor audio, Map<String, Tensor> taps) {}

    /** The scalar the backward pass starts from: L = sum(G_v * F'_v) + sum(G_a * F'_a), so dL/dF' = G. */
    static Var loss(Var fusedVideo, Var fusedAudio, Tensor upstreamVideo, Tensor upstreamAudio) {
        return fusedVideo.mul(Var.constant(upstreamVideo)).sum().add(fusedAudio.mul(Var.constant(upstreamAudio)).sum());
    }

    static Forward forward(Trace trace, WindowedCrossAttention block, Tensor video, Tensor audio, Tensor fusedVideo, Tensor fusedAudio,
                           Tensor videoGate, Tensor audioGate, Map<String, List<Tensor>> weights) {
        trace.step("check", Trace.Phase.FORWARD, "15. Check: the block's own forward pass on the same input");
        Run fused = run(copy(block, true), video, audio), composite = run(copy(block, false), video, audio);
        boolean batched = composite.taps().containsKey("attn_video_to_audio");
        double worst = 0, composite0 = 0;
        for (Run r : List.of(fused, composite)) {
            double maps = Math.max(AttentionWalkthrough.maxAbsDiff(r.video(), fusedVideo), AttentionWalkthrough.maxAbsDiff(r.audio(), fusedAudio));
            double gates = Math.max(AttentionWalkthrough.maxAbsDiff(r.taps().get("gate_video"), videoGate),
                    AttentionWalkthrough.maxAbsDiff(r.taps().get("gate_audio"), audioGate));
            double w = weightDifference(r.taps(), weights);
            trace.lines("WindowedCrossAttention.forward, %s: max |walkthrough - block|: attention weights %.1e, gates %.1e, fused maps %.1e",
                    r == fused ? "fused kernel (the default, fused=true)"
                            : "composite path (fused=false, " + (batched ? "all windows as one batch" : "window by window") + ")", w, gates, maps);
            worst = Math.max(worst, Math.max(maps, Math.max(gates, w)));
            if (r == composite) composite0 = Math.max(maps, Math.max(gates, w));
        }
        trace.text(composite0 == 0 ? "The composite path runs the walkthrough's own operations (%s) in the same order: it agrees bit for bit."
                : "The composite path runs the walkthrough's operations (%s) but adds some sums in another order: it agrees to float rounding.",
                batched ? "all windows in one batched call" : "window by window");
        trace.text("The fused kernel computes each window's scores, softmax and weighted sum in one loop and adds in its own order. In F32 "
                + "(about 7 significant digits) that moves the last digits, so it agrees to float rounding, not bit for bit.");
        return new Forward(fused.video(), fused.audio(), worst);
    }

    /** The block's own forward and L.backward() on fresh leaves, on the fused or the composite path. */
    static Backward backward(WindowedCrossAttention block, boolean fusedKernel, Tensor video, Tensor audio, Tensor upstreamVideo,
                             Tensor upstreamAudio) {
        WindowedCrossAttention b = copy(block, fusedKernel);
        Var fv = Var.param(video), fa = Var.param(audio);
        try (GradMode on = GradMode.on()) {
            FusionBlock.Fused f = b.forward(fv, fa);
            loss(f.video(), f.audio(), upstreamVideo, upstreamAudio).backward();
        }
        Map<String, Tensor> parameters = new LinkedHashMap<>();
        for (var p : b.namedParameters().entrySet()) parameters.put(p.getKey(), p.getValue().grad());
        return new Backward(fv.grad(), fa.grad(), parameters);
    }

    // the same weights in a new block on the chosen path
    private static WindowedCrossAttention copy(WindowedCrossAttention block, boolean fusedKernel) {
        WindowedCrossAttention b = new WindowedCrossAttention(AttentionWalkthrough.VIDEO_CHANNELS, AttentionWalkthrough.AUDIO_CHANNELS,
                block.options().withFused(fusedKernel));
        b.loadStateDict(block.stateDict(), true);
        return b;
    }

    private static Run run(WindowedCrossAttention b, Tensor video, Tensor audio) {
        Map<String, Tensor> taps = new TreeMap<>();
        b.observe((path, v) -> taps.put(path, v.data()));
        try (GradMode off = GradMode.off()) {
            FusionBlock.Fused f = b.forward(Var.constant(video), Var.constant(audio));
            return new Run(f.video().data(), f.audio().data(), taps);
        } finally {
            b.clearObservers();
        }
    }

    // the block publishes (B, W, Sq, Sk) when the windows are equal, else one tap per window
    private static double weightDifference(Map<String, Tensor> taps, Map<String, List<Tensor>> weights) {
        double worst = 0;
        for (var e : weights.entrySet()) {
            String tap = "attn_" + e.getKey();
            for (int i = 0; i < e.getValue().size(); i++) {
                Tensor fromBlock = taps.containsKey(tap) ? taps.get(tap).squeeze(0).narrow(0, i, 1).squeeze(0) : taps.get(tap + ".window" + i).squeeze(0);
                worst = Math.max(worst, AttentionWalkthrough.maxAbsDiff(fromBlock, e.getValue().get(i)));
            }
        }
        return worst;
    }
}
