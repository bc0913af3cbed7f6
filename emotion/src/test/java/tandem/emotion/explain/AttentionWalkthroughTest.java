package tandem.emotion.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tandem.autograd.GradMode;
import tandem.autograd.Var;
import tandem.emotion.model.fusion.FusionBlock;
import tandem.emotion.model.fusion.WindowOptions;
import tandem.emotion.model.fusion.WindowedCrossAttention;
import tandem.nn.Seeds;
import tandem.tensor.Tensor;

class AttentionWalkthroughTest {
    private static final double ATOL = 1e-6, RTOL = 1e-5;

    // W = 2 takes the block's batched path (8 and 12 divide by 2), W = 3 its per-window path (8 does not divide by 3)
    @ParameterizedTest
    @CsvSource({"2, 4, 1", "3, 4, 7", "1, 5, 3", "4, 2, 9"})
    void theWalkthroughsFusedMapsAreTheBlocksForwardOutput(int windows, int dim, long seed) {
        StringWriter text = new StringWriter();
        AttentionWalkthrough.Result r = AttentionWalkthrough.run(windows, dim, seed, new PrintWriter(text));

        // an independent block with the same seed: the weights the walkthrough used are the seed's, not its own copy
        Seeds.set(seed);
        WindowedCrossAttention fresh = new WindowedCrossAttention(AttentionWalkthrough.VIDEO_CHANNELS, AttentionWalkthrough.AUDIO_CHANNELS,
                WindowOptions.defaults().withWindows(windows).withDim(dim));
        FusionBlock.Fused expected;
        try (GradMode off = GradMode.off()) {
            expected = fresh.forward(Var.constant(r.video()), Var.constant(r.audio()));
        }
        assertClose(expected.video().data(), r.fusedVideo(), "F'_v");
        assertClose(expected.audio().data(), r.fusedAudio(), "F'_a");
        assertArrayEquals(new int[] {1, 6, 8, 2, 2}, r.fusedVideo().shape());
        assertArrayEquals(new int[] {1, 4, 12}, r.fusedAudio().shape());
        assertTrue(r.maxDifference() <= ATOL, "walkthrough vs block: " + r.maxDifference());
        assertTrue(text.toString().contains("max |walkthrough - block|"), "the check is printed");

        // backward: the chain rule by hand against autograd on the walkthrough's graph, and against the block's own backward
        BackwardWalkthrough.Gradients g = r.gradients();
        assertTrue(g.handVsAutograd() <= ATOL, "hand vs autograd: " + g.handVsAutograd());
        assertTrue(g.blockFusedKernel() <= ATOL, "walkthrough vs the fused kernel's backward: " + g.blockFusedKernel());
        assertTrue(g.blockComposite() <= ATOL, "walkthrough vs the composite backward: " + g.blockComposite());
        assertArrayEquals(r.video().shape(), g.video().shape());
        assertEquals(16, g.parameters().size(), "8 Linear layers, weight and bias each");
        for (var p : g.parameters().entrySet()) assertTrue(p.getValue() != null, p.getKey() + " has a gradient");
    }

    @Test
    void everyWindowsWeightsAreRowStochasticAndCoverTheAxesTogether() {
        AttentionWalkthrough.Result r = AttentionWalkthrough.run(3, 4, 2, new PrintWriter(new StringWriter()));
        for (String direction : List.of("video_to_audio", "audio_to_video")) {
            List<Tensor> windows = r.weights().get(direction);
            assertEquals(3, windows.size(), direction);
            int queries = 0, keys = 0;
            for (Tensor w : windows) {
                double[] v = w.toDoubleArray();
                int rows = w.size(0), cols = w.size(1);
                for (int i = 0; i < rows; i++) {
                    double sum = 0;
                    for (int j = 0; j < cols; j++) {
                        assertTrue(v[i * cols + j] > 0, "softmax weights are positive");
                        sum += v[i * cols + j];
                    }
                    assertEquals(1.0, sum, 1e-5, direction + " row " + i);
                }
                queries += rows;
                keys += cols;
            }
            // floor(i T / W) windows: video 8 -> 2, 3, 3; audio 12 -> 4, 4, 4
            int[] expected = direction.startsWith("video") ? new int[] {8, 12} : new int[] {12, 8};
            assertArrayEquals(expected, new int[] {queries, keys}, direction);
        }
        assertEquals(2, r.weights().get("video_to_audio").get(0).size(0));
        assertEquals(3, r.weights().get("video_to_audio").get(1).size(0));
    }

    @Test
    void thePrintoutWalksThroughEveryStepInBothDirections() {
        StringWriter text = new StringWriter();
        AttentionWalkthrough.run(2, 4, 1, new PrintWriter(text));
        String s = text.toString();
        for (String expected : List.of("F_v^c = mean of F_v over H and W (Cv, Tv)", "window 0: video steps  0.. 3 (0.000..0.500 of the clip)   audio steps  0.. 5 (0.000..0.500",
                "Video queries audio", "Audio queries video", "q = w_q v_s", "k = w_k a_s", "of the same window; sqrt(D) = 2.0000",
                "row sums (each is 1):\ntensor([1., 1., 1., 1.]", "A_v = sigmoid", "A_a = sigmoid", "F'_a (Ca, L)",
                "composite path (fused=false, all windows as one batch)", "./tandem attention --backward")) {
            assertTrue(s.contains(expected), "missing: " + expected);
        }
        assertFalse(s.contains("== 16. Backward"), "the backward pass only on request");
        assertFalse(s.contains("Uneven windows"), "W = 2 splits both axes evenly");
    }

    @Test
    void theBackwardPrintoutGoesThroughEveryStepInReverse() {
        StringWriter text = new StringWriter();
        AttentionWalkthrough.run(3, 4, 1, new PrintWriter(text), true);
        String s = text.toString();
        int at = 0;
        for (String step : List.of("== 16. Backward: the upstream gradient", "== 17. Backward through eq. 6", "== 18. Backward through the sigmoid",
                "== 19. Backward through the out projection", "== 20. Video queries audio, backward through output", "== 21. Video queries audio, backward through the softmax",
                "== 22. Video queries audio, backward through scores", "== 23. Video queries audio, backward through the query, key and value",
                "== 24. Audio queries video", "== 28. Backward through the context vectors", "== 29. Each input's gradient", "== 30. Check")) {
            int next = s.indexOf(step, at);
            assertTrue(next > at, "in order: " + step);
            at = next;
        }
        assertTrue(s.contains("local derivative: the Jacobian of row 0, diag(p) - p p^T"), "a local derivative is shown");
        assertTrue(s.contains("(autograd's gradient of the same value: max |difference|"), "each step is compared with autograd");
        assertTrue(s.contains("Uneven windows: 8 video steps do not split into 3 equal parts (video windows of 2, 3, 3 steps, audio 4, 4, 4)"), "W = 3 explained");
    }

    @Test
    void tooManyWindowsIsTheBlocksOwnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttentionWalkthrough.run(9, 4, 1, new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().contains("9 windows do not fit"), e.getMessage());
    }

    private static void assertClose(Tensor expected, Tensor actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        double[] e = expected.toDoubleArray(), a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            assertTrue(Math.abs(a[i] - e[i]) <= ATOL + RTOL * Math.abs(e[i]), what + "[" + i + "]: " + a[i] + " vs " + e[i]);
        }
    }
}
