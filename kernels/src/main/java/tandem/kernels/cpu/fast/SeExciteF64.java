package tandem.kernels.cpu.fast;

import tandem.tensor.Tensor;
import tandem.tensor.backend.FusedShapes.SeDims;
import tandem.tensor.backend.FusedShapes;

/**
 * The F64 kernel (written first): plain loops in double, one task per class, both layers and the gate in one pass; the backward recomputes the
 * hidden layer and the gates instead of storing them. Any dtype (F32 is widened); the F64 path of the CPU backend.
 * Measured (se-classmap fwd+bwd, F32, 2 shared cores, medians): 60-80 ms, no faster than the composite: widening the
 * 8 MB of weights to double on every call costs as much as the math.
 */
public final class SeExciteF64 {
    private SeExciteF64() {}

    // z: (B, N), w1: (C, H, N), b1: (C, H), w2: (C, N, H), b2: (C, N) -> s: (B, C, N)
    public static Tensor forward(Tensor z, Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
        SeDims d = FusedShapes.checkSeExcite("se_excite", z, w1, b1, w2, b2);
        Weights w = new Weights(z, w1, b1, w2, b2);
        double[] s = new double[d.b() * d.c() * d.n()];
        Parallel.forEachIndex(d.c(), flops(d), c -> {
            double[] hidden = new double[d.b() * d.h()];
            w.hidden(d, c, new double[d.b() * d.h()], hidden);
            w.gates(d, c, hidden, s, (b, n) -> (b * d.c() + c) * d.n() + n);
        });
        return WindowAttentionF64.wrap(s, z.dtype(), d.b(), d.c(), d.n());
    }

    public static Tensor[] backward(Tensor z, Tensor w1, Tensor b1, Tensor w2, Tensor b2, Tensor ds) {
        SeDims d = FusedShapes.checkSeExciteBackward("se_excite_bwd", z, w1, b1, w2, b2, ds);
        Weights w = new Weights(z, w1, b1, w2, b2);
        double[] g = ds.toDoubleArray();
        int b = d.b(), h = d.h(), n = d.n();
        double[] dw1 = new double[w.w1.length], db1 = new double[w.b1.length];
        double[] dw2 = new double[w.w2.length], db2 = new double[w.b2.length];
        double[][] dzPerClass = new double[d.c()][];
        Parallel.forEachIndex(d.c(), 2 * flops(d), c -> {
            double[] pre = new double[b * h], hidden = new double[b * h], s = new double[b * n];
            w.hidden(d, c, pre, hidden);
            w.gates(d, c, hidden, s, (bi, ni) -> bi * n + ni);
            double[] du = new double[b * n], da = new double[b * h], dz = new double[b * n];
            for (int bi = 0; bi < b; bi++) {
                for (int ni = 0; ni < n; ni++) {
                    double si = s[bi * n + ni];
                    du[bi * n + ni] = g[(bi * d.c() + c) * n + ni] * si * (1 - si);
                }
            }
            for (int ni = 0; ni < n; ni++) {
                int row = (c * n + ni) * h;
                for (int bi = 0; bi < b; bi++) {
                    double u = du[bi * n + ni];
                    db2[c * n + ni] += u;
                    for (int hi = 0; hi < h; hi++) {
                        dw2[row + hi] += u * hidden[bi * h + hi];
                        da[bi * h + hi] += u * w.w2[row + hi];
                    }
                }
            }
            for (int i = 0; i < da.length; i++) if (pre[i] <= 0) da[i] = 0;                 // relu'
            for (int hi = 0; hi < h; hi++) {
                int row = (c * h + hi) * n;
                for (int bi = 0; bi < b; bi++) {
                    double a = da[bi * h + hi];
                    db1[c * h + hi] += a;
                    for (int ni = 0; ni < n; ni++) {
                        dw1[row + ni] += a * w.z[bi * n + ni];
                        dz[bi * n + ni] += a * w.w1[row + ni];
                    }
                }
            }
            dzPerClass[c] = dz;
        });
        double[] dz = new double[w.z.length];
        for (double[] part : dzPerClass) for (int i = 0; i < dz.length; i++) dz[i] += part[i];
        var t = z.dtype();
        return new Tensor[] {WindowAttentionF64.wrap(dz, t, z.shape()), WindowAttentionF64.wrap(dw1, t, w1.shape()),
            WindowAttentionF64.wrap(db1, t, b1.shape()), WindowAttentionF64.wrap(dw2, t, w2.shape()),
            WindowAttentionF64.wrap(db2, t, b2.shape())};
    }

    /** Forward FLOPs (a multiply-add is 2): both layers of every class. */
    public static double flops(SeDims d) {
        return 2.0 * 2 * d.b() * d.c() * d.h() * d.n();
    }

    /** Where gate (b, n) of the current class goes in the output array. */
    private interface GateIndex {
        int at(int b, int n);
    }

    /** The inputs widened to double, and the two layers of one class. */
    private static final class Weights {
        final double[] z, w1, b1, w2, b2;

        Weights(Tensor z, Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
            this.z = z.toDoubleArray();
            this.w1 = w1.toDoubleArray();
            this.b1 = b1.toDoubleArray();
            this.w2 = w2.toDoubleArray();
            this.b2 = b2.toDoubleArray();
        }

        // pre[b, h] = w1[c, h] . z[b] + b1[c, h], hidden = relu(pre): (B, H)
        void hidden(SeDims d, int c, double[] pre, double[] hidden) {
            for (int bi = 0; bi < d.b(); bi++) {
                for (int hi = 0; hi < d.h(); hi++) {
                    double a = b1[c * d.h() + hi];
                    int row = (c * d.h() + hi) * d.n();
                    for (int ni = 0; ni < d.n(); ni++) a += w1[row + ni] * z[bi * d.n() + ni];
                    pre[bi * d.h() + hi] = a;
                    hidden[bi * d.h() + hi] = Math.max(a, 0);
                }
            }
        }

        // s[b, n] = sigmoid(w2[c, n] . hidden[b] + b2[c, n])
        void gates(SeDims d, int c, double[] hidden, double[] s, GateIndex at) {
            for (int bi = 0; bi < d.b(); bi++) {
                for (int ni = 0; ni < d.n(); ni++) {
                    double u = b2[c * d.n() + ni];
                    int row = (c * d.n() + ni) * d.h();
                    for (int hi = 0; hi < d.h(); hi++) u += w2[row + hi] * hidden[bi * d.h() + hi];
                    s[at.at(bi, ni)] = sigmoid(u);
                }
            }
        }
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
