package tandem.kernels.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tandem.tensor.ConvSpec;
import tandem.tensor.DType;
import tandem.tensor.PoolSpec;
import tandem.tensor.Tensor;

/** Convolution 1-d/2-d/3-d forward and both backwards; max and average pooling with backward. */
public interface ConvPoolContract extends DeviceFixture {
    Tolerance F32 = new Tolerance(1e-5, 1e-4);
    Tolerance F64 = new Tolerance(1e-12, 1e-12);

    /** x shape, w shape, spec. */
    record ConvCase(int[] x, int[] w, ConvSpec spec) {
        @Override
        public String toString() { return "x" + Arrays.toString(x) + " w" + Arrays.toString(w) + " " + spec; }
    }

    static ConvCase[] convCases() {
        return new ConvCase[] {
            new ConvCase(new int[] {2, 3, 13}, new int[] {5, 3, 3}, ConvSpec.of(1, 1, 1, 1, 1)),
            new ConvCase(new int[] {1, 4, 17}, new int[] {6, 2, 5}, new ConvSpec(new int[] {2}, new int[] {2}, new int[] {2}, 2)),
            new ConvCase(new int[] {2, 2, 7, 5}, new int[] {3, 2, 3, 2}, new ConvSpec(new int[] {2, 1}, new int[] {1, 0}, new int[] {1, 2}, 1)),
            new ConvCase(new int[] {1, 3, 5, 7, 6}, new int[] {2, 3, 3, 3, 3}, ConvSpec.of(3, 1, 1, 1, 1)),
            new ConvCase(new int[] {2, 4, 5, 6, 7}, new int[] {4, 2, 1, 3, 2}, new ConvSpec(new int[] {1, 2, 3}, new int[] {0, 1, 1}, new int[] {1, 1, 2}, 2)),
        };
    }

    @Test
    default void convolutionForwardAndBackwardMatch() {
        for (DType dt : dtypes()) {
            long seed = 51;
            for (ConvCase c : convCases()) {
                // a strided x: the kernels get a dense copy, which must not change the result
                int[] xt = c.x().clone();
                int last = xt.length - 1;
                Pair x = Pair.normal(device(), dt, seed++, swapLastTwo(xt)).view(t -> t.transpose(last - 1, last));
                Pair w = Pair.normal(device(), dt, seed++, c.w());
                Tolerance tol = Tolerance.of(dt, F32, F64);
                Tensor yRef = reference("ConvRef.forward", () -> cpu().convForward(x.cpu(), w.cpu(), c.spec()));
                tol.check("conv fwd " + c + " " + dt, device(), backend().convForward(x.dev(), w.dev(), c.spec()), yRef);
                Pair dy = Pair.normal(device(), dt, seed++, yRef.shape());
                tol.check("conv bwd data " + c + " " + dt, device(),
                        backend().convBackwardData(dy.dev(), w.dev(), c.spec(), c.x()),
                        reference("ConvRef.backwardData", () -> cpu().convBackwardData(dy.cpu(), w.cpu(), c.spec(), c.x())));
                tol.check("conv bwd weight " + c + " " + dt, device(),
                        backend().convBackwardWeight(x.dev(), dy.dev(), c.spec(), c.w()),
                        reference("ConvRef.backwardWeight", () -> cpu().convBackwardWeight(x.cpu(), dy.cpu(), c.spec(), c.w())));
            }
        }
    }

    @Test
    default void tiledVersion2MatchesVersion1AndTheCpu() {
        ConvCase[] cases = {
            // 17 output channels per group (two row tiles), 180 positions (three column tiles), 90 taps (not a multiple of 16)
            new ConvCase(new int[] {2, 20, 9, 10}, new int[] {34, 10, 3, 3}, ConvSpec.of(2, 1, 1, 1, 2)),
            new ConvCase(new int[] {1, 6, 5, 6, 7}, new int[] {9, 2, 3, 2, 3}, new ConvSpec(new int[] {1, 2, 1}, new int[] {1, 0, 2}, new int[] {1, 1, 2}, 3)),
            new ConvCase(new int[] {3, 13, 70}, new int[] {32, 13, 7}, new ConvSpec(new int[] {2}, new int[] {3}, new int[] {1}, 1)),
            // dilated, unit stride: every v2 kernel runs
            new ConvCase(new int[] {2, 5, 40}, new int[] {7, 5, 3}, new ConvSpec(new int[] {1}, new int[] {4}, new int[] {3}, 1)),
        };
        int savedVersion = backend().convVersion();
        try {
            for (DType dt : dtypes()) {
                long seed = 91;
                Tolerance tol = Tolerance.of(dt, F32, F64);
                for (ConvCase c : cases) {
                    Pair x = Pair.normal(device(), dt, seed++, c.x()), w = Pair.normal(device(), dt, seed++, c.w());
                    Tensor yRef = cpu().convForward(x.cpu(), w.cpu(), c.spec());
                    Pair dy = Pair.normal(device(), dt, seed++, yRef.shape());
                    Tensor dxRef = cpu().convBackwardData(dy.cpu(), w.cpu(), c.spec(), c.x());
                    Tensor dwRef = cpu().convBackwardWeight(x.cpu(), dy.cpu(), c.spec(), c.w());
                    Tensor[][] byVersion = new Tensor[3][];
                    for (int version : new int[] {1, 2}) {
                        backend().useConvVersion(version);
                        String what = "conv v" + version + " " + c + " " + dt;
                        String suffix = version == 1 ? "" : "_v2";
                        // v2 keeps v1's gather for the backward-data of strided convolutions
                        boolean strided = Arrays.stream(c.spec().stride()).anyMatch(st -> st != 1);
                        String dataSuffix = strided ? "" : suffix;
                        Map<String, Long> before = backend().kernelLaunches();
                        byVersion[version] = new Tensor[] {
                            backend().convForward(x.dev(), w.dev(), c.spec()),
                            backend().convBackwardData(dy.dev(), w.dev(), c.spec(), c.x()),
                            backend().convBackwardWeight(x.dev(), dy.dev(), c.spec(), c.w())};
                        Map<String, Long> after = backend().kernelLaunches();
                        for (String k : new String[] {"conv_fwd" + suffix, "conv_bwd_data" + dataSuffix, "conv_bwd_weight" + suffix}) {
                            assertEquals(before.getOrDefault(k, 0L) + 1, after.get(k), what + " ran " + k);
                        }
                        tol.check(what + " fwd", device(), byVersion[version][0], yRef);
                        tol.check(what + " bwd data", device(), byVersion[version][1], dxRef);
                        tol.check(what + " bwd weight", device(), byVersion[version][2], dwRef);
                    }
                    for (int i = 0; i < 3; i++) tol.check("v2 against v1 " + c + " " + dt + " pass " + i, device(), byVersion[2][i], byVersion[1][i]);
                }
            }
        } finally {
            backend().useConvVersion(savedVersion);
        }
    }

    @Test
    default void conv1dOfAKnownSignal() {
        // y[o] = sum_k x[o - 1 + k] w[k] with w = (1, 0, -1): differences, and the zero padding shows at both ends
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5}, 1, 1, 5).to(device());
        Tensor w = Tensor.of(new float[] {1, 0, -1}, 1, 1, 3).to(device());
        Tensor dy = Tensor.of(new float[] {1, 1, 1, 1, 1}, 1, 1, 5).to(device());
        ConvSpec spec = ConvSpec.of(1, 1, 1, 1, 1);
        Tolerance.EXACT.assertValues("conv1d", backend().convForward(x, w, spec).toDoubleArray(), new double[] {-2, -2, -2, -2, 4});
        Tolerance.EXACT.assertValues("conv1d bwd data", backend().convBackwardData(dy, w, spec, new int[] {1, 1, 5}).toDoubleArray(),
                new double[] {1, 0, 0, 0, -1});
        Tolerance.EXACT.assertValues("conv1d bwd weight", backend().convBackwardWeight(x, dy, spec, new int[] {1, 1, 3}).toDoubleArray(),
                new double[] {10, 15, 14});
    }

    private static int[] swapLastTwo(int[] s) {
        int[] t = s.clone();
        t[t.length - 1] = s[s.length - 2];
        t[t.length - 2] = s[s.length - 1];
        return t;
    }

    @Test
    default void poolingForwardAndBackwardMatch() {
        Object[][] cases = {
            {new int[] {2, 3, 11}, new PoolSpec(new int[] {3}, new int[] {2}, new int[] {1}, true)},
            {new int[] {1, 2, 9, 8}, new PoolSpec(new int[] {2, 3}, new int[] {2, 1}, new int[] {1, 1}, false)},
            {new int[] {2, 2, 5, 7, 6}, PoolSpec.of(3, 2, 2, 0)},
            {new int[] {1, 3, 4, 5, 7}, new PoolSpec(new int[] {1, 3, 3}, new int[] {1, 2, 2}, new int[] {0, 1, 1}, false)},
        };
        for (DType dt : dtypes()) {
            long seed = 71;
            for (Object[] c : cases) {
                int[] xs = (int[]) c[0];
                PoolSpec spec = (PoolSpec) c[1];
                String what = Arrays.toString(xs) + " " + spec + " " + dt;
                Pair x = Pair.normal(device(), dt, seed++, xs);
                Tolerance tol = Tolerance.of(dt, F32, F64);
                Tensor maxRef = reference("PoolRef.maxForward", () -> cpu().maxPoolForward(x.cpu(), spec));
                Tolerance.EXACT.check("max pool " + what, device(), backend().maxPoolForward(x.dev(), spec), maxRef);
                Pair dy = Pair.normal(device(), dt, seed++, maxRef.shape());
                tol.check("max pool bwd " + what, device(), backend().maxPoolBackward(x.dev(), dy.dev(), spec),
                        reference("PoolRef.maxBackward", () -> cpu().maxPoolBackward(x.cpu(), dy.cpu(), spec)));
                tol.check("avg pool " + what, device(), backend().avgPoolForward(x.dev(), spec),
                        reference("PoolRef.avgForward", () -> cpu().avgPoolForward(x.cpu(), spec)));
                tol.check("avg pool bwd " + what, device(), backend().avgPoolBackward(dy.dev(), spec, xs),
                        reference("PoolRef.avgBackward", () -> cpu().avgPoolBackward(dy.cpu(), spec, xs)));
            }
        }
    }

    @Test
    default void maxPoolRoutesGradientToTheFirstOfTiedMaxima() {
        // every window of 2 holds a tie; the whole gradient must go to the first (lower index) element
        Tensor x = Tensor.of(new float[] {4, 4, 1, 1, 7, 7}, 1, 1, 6);
        Pair p = Pair.of(device(), x);
        Pair dy = Pair.of(device(), Tensor.of(new float[] {1, 2, 3}, 1, 1, 3));
        PoolSpec spec = PoolSpec.of(1, 2, 2, 0);
        Tolerance.EXACT.assertValues("max pool bwd ties", backend().maxPoolBackward(p.dev(), dy.dev(), spec).toDoubleArray(),
                new double[] {1, 0, 2, 0, 3, 0});
    }
}
