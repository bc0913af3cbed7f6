package tandem.emotion.explain;

import static tandem.emotion.explain.Trace.Phase.BACKWARD;

import java.util.LinkedHashMap;
import java.util.Map;
import tandem.autograd.GradMode;
import tandem.autograd.Var;
import tandem.emotion.explain.AttentionWalkthrough.DirectionPass;
import tandem.emotion.model.fusion.WindowedCrossAttention;
import tandem.nn.layers.Linear;
import tandem.tensor.Tensor;

/**
 * The block's backward pass, in reverse order of the forward steps, by the chain rule written out with tensor
 * operations: at every step the upstream gradient, the local derivative, and the gradient it hands on. Autograd runs
 * the same backward on the same graph ({@code L.backward()}), and every hand-computed gradient is recorded with its
 * largest difference from autograd's value for the same quantity. At the end the block's own forward and backward
 * (both paths) give the input and parameter gradients once more ({@link BlockCheck#backward}).
 */
final class BackwardWalkthrough {
    static final CodeRef ENGINE = CodeRef.method("tandem.autograd.Engine", "backward"),
            MUL = CodeRef.method("tandem.autograd.ops.Arithmetic$Mul", "backward"),
            SIGMOID = CodeRef.method("tandem.autograd.ops.Unary$Elementwise", "backward"),
            MATMUL = CodeRef.method("tandem.autograd.ops.MatMul", "backward"),
            SOFTMAX = CodeRef.method("tandem.autograd.ops.Softmax", "backward"),
            CONCAT = CodeRef.method("tandem.autograd.ops.Concat", "backward"),
            MEAN = CodeRef.method("tandem.autograd.ops.Reductions$Mean", "backward");

    /**
     * The backward pass of L = sum(G_v * F'_v) + sum(G_a * F'_a).
     *
     * @param upstreamVideo      G_v = dL/dF'_v (1, Cv, Tv, H, W)
     * @param upstreamAudio      G_a = dL/dF'_a (1, Ca, L)
     * @param video              autograd's dL/dF_v, from the walkthrough's graph
     * @param audio              autograd's dL/dF_a
     * @param parameters         autograd's gradient of every block parameter, by its state-dict name
     * @param handVsAutograd     the largest |chain rule by hand - autograd| over every compared step
     * @param blockFusedKernel   the largest |walkthrough - block| over input and parameter gradients, fused kernel
     * @param blockComposite     the same for the block's composite path
     */
    public record Gradients(Tensor upstreamVideo, Tensor upstreamAudio, Tensor video, Tensor audio, Map<String, Tensor> parameters,
                            double handVsAutograd, double blockFusedKernel, double blockComposite) {}

    private final Trace trace;
    private final WindowedCrossAttention block;
    private final long seed;
    private final int pixels;

    BackwardWalkthrough(Trace trace, WindowedCrossAttention block, long seed, int pixels) {
        this.trace = trace;
        this.block = block;
        this.seed = seed;
        this.pixels = pixels;
    }

    Gradients walk(Var fv, Var fa, Var videoContext, Var audioTokens, DirectionPass v2a, DirectionPass a2v, Var fusedVideo, Var fusedAudio) {
        trace.step("b-upstream", BACKWARD, "16. Backward: the upstream gradient dL/dF'");
        trace.text("Reverse mode starts from one number L. Here L = sum(G_v * F'_v) + sum(G_a * F'_a) stands in for the rest of the network: "
                + "whatever follows the block sends back dL/dF' = G, drawn at random (seeds %d and %d) so that every entry differs. "
                + "Autograd runs L.backward(); the steps below take the same gradient back by hand, and each is compared with autograd.",
                seed * 2 + 3, seed * 2 + 4);
        Tensor gv = Tensor.randn(seed * 2 + 3, fv.shape()), ga = Tensor.randn(seed * 2 + 4, fa.shape());
        trace.showSliced("G_v = dL/dF'_v (Cv, Tv, H*W)", AttentionWalkthrough.pixelsInRows(gv), "channel 0 shown (Tv, H*W)", ENGINE);
        trace.show("G_a = dL/dF'_a (Ca, L)", ga.squeeze(0), ENGINE);
        BlockCheck.loss(fusedVideo, fusedAudio, gv, ga).backward();

        Tensor dVideoGate, dAudioGate;
        try (GradMode off = GradMode.off()) {
            trace.step("b-scale", BACKWARD, "17. Backward through eq. 6: F' = F * A");
            trace.text("Local derivatives: dF'/dA = F and dF'/dF = A. A_v is broadcast over the H x W pixels, so its gradient sums over them.");
            dVideoGate = trace.showChecked("dL/dA_v = sum over H, W of G_v * F_v (Cv, Tv)", gv.mul(fv.data()).sum(false, 3, 4).squeeze(0), v2a.gate(), MUL);
            dAudioGate = trace.showChecked("dL/dA_a = G_a * F_a (Ca, L)", ga.mul(fa.data()).squeeze(0), a2v.gate(), MUL);
            Tensor directVideo = gv.mul(v2a.gate().data().reshape(1, v2a.gate().size(1), v2a.gate().size(2), 1, 1));
            trace.showSliced("dL/dF_v through this path = G_v * A_v (Cv, Tv, H*W)", AttentionWalkthrough.pixelsInRows(directVideo), "channel 0 shown", MUL);
            Tensor directAudio = trace.show("dL/dF_a through this path = G_a * A_a (Ca, L)", ga.mul(a2v.gate().data()).squeeze(0), MUL);

            trace.step("b-gate", BACKWARD, "18. Backward through the sigmoid gates");
            trace.text("A = sigmoid(z) has the local derivative dA/dz = A (1 - A), elementwise: at most 0.25, where A = 0.5.");
            Tensor dzVideo = sigmoid(v2a, dVideoGate), dzAudio = sigmoid(a2v, dAudioGate);

            trace.step("b-out", BACKWARD, "19. Backward through the out projection");
            trace.text("z^T = Y W_o^T + b_o, with Y the joined attention outputs (Tq, D). Local derivatives: dz/dY = W_o, dz/dW_o = Y, dz/db_o = 1.");
            Tensor dJoinedVideo = outProjection(v2a, dzVideo), dJoinedAudio = outProjection(a2v, dzAudio);

            Tensor[] fromV2a = new DirectionBackward(trace, v2a).walk(dJoinedVideo, 20);
            Tensor[] fromA2v = new DirectionBackward(trace, a2v).walk(dJoinedAudio, 24);

            trace.step("b-context", BACKWARD, "28. Backward through the context vectors and the pooling");
            trace.text("Each modality's tokens were used twice, as queries in its own direction and as keys and values in the other, so the "
                    + "two gradients add. The pooling F_v^c = mean over H x W has the local derivative 1/(H W) = %.2f for each of its %d pixels.",
                    1.0 / pixels, pixels);
            Tensor dVideoContext = trace.showChecked("dL/dF_v^c = (dx of video queries + dy of video keys and values)^T (Cv, Tv)",
                    fromV2a[0].add(fromA2v[1]).transpose(0, 1), videoContext, CONCAT);
            Tensor dAudioContext = trace.showChecked("dL/dF_a^c = (dx of audio queries + dy of audio keys and values)^T (Ca, L)",
                    fromA2v[0].add(fromV2a[1]).transpose(0, 1), audioTokens.grad().squeeze(0).transpose(0, 1), CONCAT);

            trace.step("b-inputs", BACKWARD, "29. Each input's gradient");
            trace.text("dL/dF_v = G_v * A_v (through eq. 6) + dL/dF_v^c / (H W) on every pixel (through the context vectors); "
                    + "dL/dF_a = G_a * A_a + dL/dF_a^c. Compared with autograd's gradients of the inputs, from L.backward().");
            Tensor spread = dVideoContext.reshape(1, dVideoContext.size(0), dVideoContext.size(1), 1, 1).mul(1.0 / pixels);
            trace.showSliced("dL/dF_v (Cv, Tv, H*W)", AttentionWalkthrough.pixelsInRows(directVideo.add(spread)), "channel 0 shown", MEAN);
            trace.checked(AttentionWalkthrough.pixelsInRows(fv.grad()));
            trace.showChecked("dL/dF_a (Ca, L)", directAudio.add(dAudioContext), fa.grad().squeeze(0), ENGINE);
        }
        return check(fv, fa, gv, ga, v2a.queryWindows().equal() && v2a.keyWindows().equal());
    }

    private Gradients check(Var fv, Var fa, Tensor gv, Tensor ga, boolean batched) {
        double handVsAutograd = handVsAutograd(trace);
        trace.step("b-check", BACKWARD, "30. Check: the block's own backward pass");
        Map<String, Tensor> parameters = new LinkedHashMap<>();
        for (var p : block.namedParameters().entrySet()) parameters.put(p.getKey(), p.getValue().grad());
        double[] block = new double[2];
        for (int path = 0; path < 2; path++) {
            BlockCheck.Backward b = BlockCheck.backward(this.block, path == 0, fv.data(), fa.data(), gv, ga);
            double params = 0;
            for (var p : parameters.entrySet()) params = Math.max(params, AttentionWalkthrough.maxAbsDiff(p.getValue(), b.parameters().get(p.getKey())));
            double dv = AttentionWalkthrough.maxAbsDiff(b.video(), fv.grad()), da = AttentionWalkthrough.maxAbsDiff(b.audio(), fa.grad());
            trace.lines("WindowedCrossAttention.forward + L.backward(), %s: max |walkthrough - block|: dL/dF_v %.1e, dL/dF_a %.1e, parameters %.1e",
                    path == 0 ? "fused kernel (fused=true)" : "composite path (fused=false)", dv, da, params);
            block[path] = Math.max(params, Math.max(dv, da));
        }
        trace.lines("Chain rule by hand against autograd on the same graph, every step above: max |difference| %.1e.", handVsAutograd);
        trace.text("Differences near 1e-7 are F32 rounding, the same sums added in another order: the fused kernel's backward recomputes "
                + "the softmax from its saved log-sum-exp, and the gradients that meet at an input or a weight are added in the order of each "
                + "graph's own sort%s.", batched ? " (the batched composite also sums the windows inside one matmul)" : "");
        return new Gradients(gv, ga, fv.grad(), fa.grad(), parameters, handVsAutograd, block[0], block[1]);
    }

    private Tensor sigmoid(DirectionPass d, Tensor dGate) {
        Tensor a = d.gate().data().squeeze(0);
        Tensor local = trace.show("local derivative dA_" + d.queries().charAt(0) + "/dz = A (1 - A) (Cq, Tq)", a.mul(a.mul(-1).add(1)), SIGMOID);
        return trace.showChecked("dL/dz = dL/dA_" + d.queries().charAt(0) + " * A (1 - A), " + d.child() + " (Cq, Tq)", dGate.mul(local), d.projected(), SIGMOID);
    }

    private Tensor outProjection(DirectionPass d, Tensor dz) {
        Linear wo = d.wo();
        Tensor weight = trace.show("local derivative dz/dY = W_o of " + d.child() + ".out (Cq, D)", wo.weight().data(), MATMUL);
        Tensor joined = d.joined().data().squeeze(0);
        trace.showChecked("dL/dW_o = dz Y (Cq, D)", dz.matmul(joined), wo.weight(), MATMUL);
        trace.showChecked("dL/db_o = sum over time of dz (Cq)", dz.sum(false, 1), wo.bias(), MATMUL);
        return trace.showChecked("dL/dY = dz^T W_o (Tq, D)", dz.transpose(0, 1).matmul(weight), d.joined(), MATMUL);
    }


    /** The largest |hand - autograd| recorded in the backward steps. */
    static double handVsAutograd(Trace trace) {
        double worst = 0;
        for (Trace.Step s : trace.steps()) {
            if (s.phase() != BACKWARD) continue;
            for (Trace.Block b : s.blocks()) if (b instanceof Trace.Matrix m && !Double.isNaN(m.check())) worst = Math.max(worst, m.check());
        }
        return worst;
    }
}
