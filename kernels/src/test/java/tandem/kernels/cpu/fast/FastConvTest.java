package tandem.kernels.cpu.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tandem.tensor.ConvSpec;
import tandem.tensor.Shape;
import tandem.tensor.Tandem;

/**
 * FastConv's three passes against {@link NaiveConv} on odd shapes. Tolerance per element:
 * |got - ref| <= 1e-6 + 1e-5 * sum |products|, i.e. float rounding relative to the magnitudes summed.
 */
class FastConvTest {
    private static final double ATOL = 1e-6, RTOL = 1e-5;
    private final int savedThreads = Tandem.numThreads();

    @AfterEach
    void restoreThreads() { Tandem.setNumThreads(savedThreads); }

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, x shape, w shape, stride, padding, dilation, groups, threads
                Arguments.of("conv1d stride 2 dilation 2", new int[] {2, 5, 13}, new int[] {7, 5, 3}, new int[] {2}, new int[] {1}, new int[] {2}, 1, 1),
                Arguments.of("conv1d groups 2 stride 1", new int[] {3, 6, 11}, new int[] {4, 3, 4}, new int[] {1}, new int[] {2}, new int[] {1}, 2, 2),
                Arguments.of("conv1d mfcc-like", new int[] {2, 13, 31}, new int[] {32, 13, 7}, new int[] {1}, new int[] {2}, new int[] {1}, 1, 2),
                // a length-1 input under a 5-tap kernel with padding 2: taps miss the row on both sides
                Arguments.of("conv1d padding wider than input", new int[] {2, 3, 1}, new int[] {4, 3, 5}, new int[] {1}, new int[] {2}, new int[] {1}, 1, 1),
                Arguments.of("conv1d kernel 1", new int[] {1, 3, 1}, new int[] {1, 3, 1}, new int[] {1}, new int[] {0}, new int[] {1}, 1, 1),
                Arguments.of("conv2d mixed", new int[] {2, 4, 9, 7}, new int[] {6, 2, 3, 2}, new int[] {2, 1}, new int[] {1, 0}, new int[] {1, 2}, 2, 2),
                Arguments.of("conv3d stem-like", new int[] {2, 3, 5, 9, 8}, new int[] {4, 3, 3, 7, 7}, new int[] {1, 2, 2}, new int[] {1, 3, 3}, new int[] {1, 1, 1}, 1, 2),
                Arguments.of("conv3d grouped pad 1", new int[] {2, 8, 4, 6, 5}, new int[] {8, 2, 3, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, 4, 2),
                Arguments.of("conv3d pad beyond kernel", new int[] {1, 2, 3, 4, 3}, new int[] {3, 2, 2, 2, 1}, new int[] {1, 1, 1}, new int[] {2, 2, 1}, new int[] {1, 1, 1}, 1, 1),
                Arguments.of("conv3d dilated", new int[] {1, 3, 7, 7, 7}, new int[] {5, 3, 2, 3, 2}, new int[] {1, 1, 2}, new int[] {1, 2, 0}, new int[] {2, 2, 3}, 1, 2),
                Arguments.of("conv3d one image, threads inside GEMM", new int[] {1, 16, 6, 10, 10}, new int[] {32, 16, 3, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, 1, 2),
                Arguments.of("conv3d one image strided", new int[] {1, 16, 6, 12, 12}, new int[] {40, 16, 3, 3, 3}, new int[] {2, 2, 2}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, 1, 2),
                // 1380 positions: two column blocks of the GEMM, the second starting mid-row, with a partial sliver
                Arguments.of("conv3d positions past one column block", new int[] {2, 5, 3, 20, 23}, new int[] {8, 5, 3, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, 1, 1),
                // stride 1 in-plane with 40 x 32 padded-row positions per plane: more than one GEMM column block
                Arguments.of("conv3d padded rows past one column block", new int[] {1, 4, 2, 40, 30}, new int[] {8, 4, 1, 3, 3}, new int[] {2, 1, 1}, new int[] {0, 1, 1}, new int[] {1, 1, 1}, 1, 2),
                // stem-like (few input channels, 64 output channels: the direct kernel at up to 16 lanes), rows of 13 = 2 strips + 1
                Arguments.of("direct stem 64 channels", new int[] {3, 3, 4, 11, 25}, new int[] {64, 3, 3, 7, 7}, new int[] {1, 2, 2}, new int[] {1, 3, 3}, new int[] {1, 1, 1}, 1, 2),
                // 80 channels: a full and a partial channel block; stride 3, no padding, dilation
                Arguments.of("direct 80 channels dilated", new int[] {1, 2, 3, 9, 17}, new int[] {80, 2, 2, 3, 2}, new int[] {1, 1, 3}, new int[] {0, 1, 0}, new int[] {1, 2, 3}, 1, 1),
                Arguments.of("direct groups 2 of 4 channels", new int[] {2, 8, 2, 5, 7}, new int[] {128, 4, 1, 3, 3}, new int[] {1, 1, 1}, new int[] {0, 1, 1}, new int[] {1, 1, 1}, 2, 2),
                Arguments.of("direct conv1d one channel", new int[] {2, 1, 20}, new int[] {64, 1, 5}, new int[] {2}, new int[] {2}, new int[] {1}, 1, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void allPassesMatchTheNaiveLoops(String name, int[] xs, int[] ws, int[] stride, int[] pad, int[] dil, int groups, int threads) {
        Tandem.setNumThreads(threads);
        ConvSpec spec = new ConvSpec(stride, pad, dil, groups);
        int[] ys = spec.outputShape("test", xs, ws);
        float[] x = SgemmTest.random((int) Shape.numel(xs), 21), w = SgemmTest.random((int) Shape.numel(ws), 22);
        float[] dy = SgemmTest.random((int) Shape.numel(ys), 23);
        NaiveConv ref = new NaiveConv(xs, ws, spec);
        assertClose("forward", ref.forward(x, w), FastConv.forward(x, xs, w, ws, spec));
        assertClose("backward-data", ref.backwardData(dy, w), FastConv.backwardData(dy, ys, w, ws, spec, xs));
        assertClose("backward-weight", ref.backwardWeight(x, dy), FastConv.backwardWeight(x, xs, dy, ys, spec, ws));
    }

    /**
     * Every register tile on this machine's lane count, whatever the machine would choose: the direct kernels 2 and 4
     * vectors wide, each GEMM tile height with blockings small enough that the test shapes cross their edges.
     * Channels are sized from the lane count: one whole tile of the wider variant plus a partial one.
     */
    static Stream<Arguments> everyTile() {
        int lanes = CpuFeatures.host().lanes();
        int og = 4 * lanes + 2 * lanes;
        Stream.Builder<Arguments> b = Stream.builder();
        for (int mr : GemmShape.TILE_ROWS) {
            for (int vectors : new int[] {2, 4}) {
                KernelShapes shapes = new KernelShapes(new GemmShape(mr, 24, 2 * mr, 2 * Sgemm.NR), vectors, "test");
                b.add(Arguments.of(shapes, "direct, strided", new int[] {2, 3, 3, 9, 13}, new int[] {og, 3, 2, 3, 3},
                        new ConvSpec(new int[] {1, 2, 2}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, 1)));
                b.add(Arguments.of(shapes, "direct, one vector of channels", new int[] {2, 2, 3, 8, 15}, new int[] {lanes, 2, 3, 5, 5},
                        new ConvSpec(new int[] {1, 2, 2}, new int[] {1, 2, 2}, new int[] {1, 1, 1}, 1)));
                b.add(Arguments.of(shapes, "direct, part of one vector of channels", new int[] {2, 3, 3, 8, 15},
                        new int[] {lanes / 2 + 1, 3, 3, 5, 5}, new ConvSpec(new int[] {1, 2, 2}, new int[] {1, 2, 2}, new int[] {1, 1, 1}, 1)));
                // one-vector tiles take blocks of output rows (as many as fit 16 KiB of dy): 17 rows of 45 split unevenly
                b.add(Arguments.of(shapes, "direct, one vector, rows in blocks", new int[] {1, 2, 2, 34, 90}, new int[] {lanes, 2, 1, 3, 3},
                        new ConvSpec(new int[] {1, 2, 2}, new int[] {0, 1, 1}, new int[] {1, 1, 1}, 1)));
                b.add(Arguments.of(shapes, "padded rows", new int[] {2, 5, 3, 7, 9}, new int[] {og + 1, 5, 3, 3, 3},
                        ConvSpec.of(3, 1, 1, 1, 1)));
                b.add(Arguments.of(shapes, "implicit im2col, strided", new int[] {1, 6, 4, 9, 8}, new int[] {10, 3, 3, 3, 3},
                        new ConvSpec(new int[] {2, 2, 2}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, 2)));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyTile")
    void everyTileShapeMatchesTheNaiveLoops(KernelShapes shapes, String name, int[] xs, int[] ws, ConvSpec spec) {
        Tandem.setNumThreads(2);
        int[] ys = spec.outputShape("test", xs, ws);
        float[] x = SgemmTest.random((int) Shape.numel(xs), 31), w = SgemmTest.random((int) Shape.numel(ws), 32);
        float[] dy = SgemmTest.random((int) Shape.numel(ys), 33);
        NaiveConv ref = new NaiveConv(xs, ws, spec);
        assertClose("forward", ref.forward(x, w), FastConv.forward(shapes, x, xs, w, ws, spec));
        assertClose("backward-data", ref.backwardData(dy, w), FastConv.backwardData(shapes, dy, ys, w, ws, spec, xs));
        assertClose("backward-weight", ref.backwardWeight(x, dy), FastConv.backwardWeight(shapes, x, xs, dy, ys, spec, ws));
    }

    @Test
    void stridedBackwardDataTakesTheScatterPathAndStride1TheTransposedConv() {
        assertTrue(FastConv.transposedConvApplies(ConvSpec.of(3, 1, 1, 1, 1), new int[] {4, 4, 3, 3, 3}));
        assertTrue(!FastConv.transposedConvApplies(ConvSpec.of(3, 2, 1, 1, 1), new int[] {4, 4, 3, 3, 3}));
        assertTrue(!FastConv.transposedConvApplies(ConvSpec.of(1, 1, 3, 1, 1), new int[] {4, 4, 3}));
    }

    /**
     * The rule in lanes, not in channel counts of one machine: at most 4 input channels per group, output channels
     * padded to whole vectors with at least half of those lanes real, and the widest tile (up to the machine's) that
     * they fill.
     */
    @ParameterizedTest(name = "up to {0} vectors")
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, 4})
    void directKernelTakesFewInputChannelsAndMostlyFilledVectorsOfOutputChannels(int maxVectors) {
        int lanes = CpuFeatures.host().lanes(), tile = maxVectors * lanes;
        assertEquals(maxVectors, direct(3, tile, maxVectors), "one whole tile");
        assertEquals(maxVectors, direct(3, tile + lanes, maxVectors), "a whole tile and a partial one");
        assertEquals(maxVectors / 2, direct(3, tile - lanes, maxVectors), "too few channels for the widest tile");
        assertEquals(1, direct(1, lanes, maxVectors), "one vector of channels");
        assertEquals(maxVectors, direct(3, tile + 1, maxVectors), "channels padded up to whole vectors");
        if (lanes >= 2) assertEquals(1, direct(3, lanes / 2, maxVectors), "half a vector of channels");
        if (lanes >= 4) assertEquals(0, direct(3, lanes / 2 - 1, maxVectors), "less than half a vector: im2col");
        assertEquals(0, direct(16, tile, maxVectors), "16 input channels: im2col feeds enough FMAs per gathered value");
    }

    private static int direct(int inChannels, int outChannels, int maxVectors) {
        ConvSpec spec = new ConvSpec(new int[] {1, 2, 2}, new int[] {1, 3, 3}, new int[] {1, 1, 1}, 1);
        ConvGeometry g = new ConvGeometry("t", new int[] {1, inChannels, 4, 16, 16}, new int[] {outChannels, inChannels, 3, 7, 7}, spec);
        return DirectConv.tileVectors(g, maxVectors);
    }

    @Test
    void paddedRowsNeedStrideOneInPlaneAndLittleWaste() {
        ConvSpec pad1 = ConvSpec.of(3, 1, 1, 1, 1);
        int[] w = {8, 4, 3, 3, 3};
        assertTrue(PaddedRowConv.applies(new ConvGeometry("t", new int[] {1, 4, 8, 28, 28}, w, pad1)));
        // 6 padded columns per 4 computed ones would waste a third
        assertTrue(!PaddedRowConv.applies(new ConvGeometry("t", new int[] {1, 4, 8, 4, 4}, w, pad1)));
        assertTrue(!PaddedRowConv.applies(new ConvGeometry("t", new int[] {1, 4, 8, 28, 28}, w, ConvSpec.of(3, 2, 1, 1, 1))));
    }

    @Test
    void mismatchedShapesAreNamed() {
        ConvSpec spec = ConvSpec.of(1, 1, 0, 1, 1);
        var e = assertThrows(IllegalArgumentException.class,
                () -> FastConv.forward(new float[10], new int[] {1, 2, 5}, new float[6], new int[] {2, 3, 1}, spec));
        assertTrue(e.getMessage().contains("conv1d"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> FastConv.forward(new float[9], new int[] {1, 2, 5}, new float[4], new int[] {2, 2, 1}, spec));
        assertTrue(e2.getMessage().contains("input array has 9 elements"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class,
                () -> FastConv.backwardWeight(new float[10], new int[] {1, 2, 5}, new float[9], new int[] {1, 2, 4}, spec, new int[] {2, 2, 1}));
        assertTrue(e3.getMessage().contains("gradient has shape"), e3.getMessage());
    }

    private static void assertClose(String pass, NaiveConv.Result ref, float[] got) {
        assertEquals(ref.value().length, got.length, pass + ": length");
        for (int i = 0; i < got.length; i++) {
            double tol = ATOL + RTOL * ref.magnitude()[i];
            double want = ref.value()[i];
            int at = i;
            assertTrue(Math.abs(got[i] - want) <= tol, () -> pass + " element " + at + ": got " + got[at] + ", expected " + want + " (tol " + tol + ")");
        }
    }
}
