package tandem.kernels.cpu;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tandem.tensor.BinaryOp;
import tandem.tensor.ConvSpec;
import tandem.tensor.DType;
import tandem.tensor.PoolSpec;
import tandem.tensor.ReduceOp;
import tandem.tensor.Tensor;
import tandem.tensor.UnaryOp;
import tandem.tensor.backend.Backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tandem.kernels.cpu.Checks.materialise;

/**
 * Every op family must see a strided view exactly as it sees the same values laid out contiguously. The contiguous
 * twin is built element by element through {@link Tensor#get}, not by the backend's own gather.
 */
class ViewSemanticsTest {
    private static final int[] SHAPE = {2, 3, 4, 5};   // read as (B, C, H, W) by conv, pool and batch norm

    /** Four non-contiguous views of SHAPE, each over a larger or differently ordered storage. */
    private static Map<String, Tensor> views(long seed) {
        Map<String, Tensor> v = new LinkedHashMap<>();
        v.put("permuted", Tensor.of(Checks.random(seed, 120), 4, 2, 5, 3).permute(1, 3, 0, 2));
        v.put("sliced step 2", Tensor.of(Checks.random(seed + 1, 2 * 7 * 4 * 11), 2, 7, 4, 11).slice(1, 1, 7, 2).slice(3, 1, 11, 2));
        v.put("expanded", Tensor.of(Checks.random(seed + 2, 40), 2, 1, 4, 5).expand(SHAPE));
        v.put("transposed", Tensor.of(Checks.random(seed + 3, 120), 2, 3, 5, 4).transpose(2, 3));
        for (Map.Entry<String, Tensor> e : v.entrySet()) {
            assertArrayEquals(SHAPE, e.getValue().shape(), e.getKey() + " shape");
            assertFalse(e.getValue().isContiguous(), e.getKey() + " must really be strided");
        }
        return v;
    }

    private static void sameOnViewAndCopy(String family, Function<Tensor, Tensor> op) {
        for (Map.Entry<String, Tensor> e : views(17).entrySet()) {
            Tensor view = e.getValue();
            Checks.assertSame(op.apply(materialise(view)), op.apply(view), family + " on " + e.getKey() + " view");
        }
    }

    @Test
    void unaryBinaryAndWhere() {
        sameOnViewAndCopy("unary", x -> x.unary(UnaryOp.TANH));
        sameOnViewAndCopy("binary with itself", x -> x.binary(BinaryOp.MUL, x.add(1)));
        Tensor other = Tensor.of(Checks.random(3, 120), SHAPE);
        sameOnViewAndCopy("binary with a contiguous tensor", x -> x.sub(other));
        sameOnViewAndCopy("binary broadcast", x -> x.div(Tensor.of(new double[] {1, 2, 3, 4, 5}, 5)));
        sameOnViewAndCopy("where", x -> x.backend().where(x.binary(BinaryOp.GT, Tensor.scalar(0, DType.F64)), x, x.mul(-3)));
    }

    @Test
    void reductions() {
        sameOnViewAndCopy("sum over (1, 3)", x -> x.sum(false, 1, 3));
        sameOnViewAndCopy("mean over all", x -> x.mean(true, 0, 1, 2, 3));
        sameOnViewAndCopy("max over 2", x -> x.max(true, 2));
        sameOnViewAndCopy("argmax over 0", x -> x.argmax(0));
        sameOnViewAndCopy("argmin over 3", x -> x.reduce(ReduceOp.ARGMIN, false, 3));
    }

    @Test
    void matmulOnEitherSide() {
        Tensor right = Tensor.of(Checks.random(4, 15), 5, 3);
        Tensor left = Tensor.of(Checks.random(5, 6 * 4), 3, 2, 4);
        sameOnViewAndCopy("matmul lhs", x -> x.matmul(right));
        sameOnViewAndCopy("matmul rhs", x -> left.matmul(x));
    }

    @Test
    void convolutionAndItsGradients() {
        ConvSpec spec = new ConvSpec(new int[] {1, 2}, new int[] {1, 1}, new int[] {1, 1}, 1);
        Tensor w = Tensor.of(Checks.random(6, 2 * 3 * 2 * 3), 2, 3, 2, 3);
        int[] ys = spec.outputShape("test", SHAPE, w.shape());
        Tensor dy = Tensor.of(Checks.random(7, Checks.numel(ys)), ys);
        sameOnViewAndCopy("conv forward (x view)", x -> x.backend().convForward(x, w, spec));
        sameOnViewAndCopy("conv backward weight (x view)", x -> x.backend().convBackwardWeight(x, dy, spec, w.shape()));
        // the view as weight: (O=2, C/g=3, KH=4, KW=5) over a (1, 3, 6, 7) input
        Tensor input = Tensor.of(Checks.random(8, 3 * 6 * 7), 1, 3, 6, 7);
        ConvSpec plain = ConvSpec.of(2, 1, 0, 1, 1);
        sameOnViewAndCopy("conv forward (w view)", w2 -> w2.backend().convForward(input, w2, plain));
        // the view as gradient: dy (2, 3, 4, 5) from x (2, 2, 5, 6) through w (3, 2, 2, 2)
        Tensor w3 = Tensor.of(Checks.random(9, 24), 3, 2, 2, 2);
        sameOnViewAndCopy("conv backward data (dy view)", g -> g.backend().convBackwardData(g, w3, plain, new int[] {2, 2, 5, 6}));
    }

    @Test
    void poolingBatchNormAndSoftmax() {
        PoolSpec pool = new PoolSpec(new int[] {2, 3}, new int[] {2, 1}, new int[] {1, 1}, false);
        sameOnViewAndCopy("max pool", x -> x.backend().maxPoolForward(x, pool));
        sameOnViewAndCopy("avg pool", x -> x.backend().avgPoolForward(x, pool));
        int[] ys = pool.outputShape("test", SHAPE);
        Tensor dy = Tensor.of(Checks.random(10, Checks.numel(ys)), ys);
        sameOnViewAndCopy("max pool backward", x -> x.backend().maxPoolBackward(x, dy, pool));
        Tensor gamma = Tensor.of(new double[] {1, 2, 3}, 3), beta = Tensor.of(new double[] {0, -1, 1}, 3);
        sameOnViewAndCopy("batch norm", x -> {
            Tensor[] r = x.backend().batchNormForward(x, gamma, beta, Tensor.of(new double[3], 3),
                    Tensor.of(new double[] {1, 1, 1}, 3), true, 0.1, 1e-5);
            return r[0].add(r[1].reshape(1, 3, 1, 1)).add(r[2].reshape(1, 3, 1, 1));
        });
        sameOnViewAndCopy("softmax axis 1", x -> x.softmax(1));
        sameOnViewAndCopy("log-softmax axis 3", x -> x.backend().softmax(x, 3, true));
        Tensor y = Tensor.of(Checks.random(11, 120), SHAPE).softmax(2);
        sameOnViewAndCopy("softmax backward (dy view)", g -> g.backend().softmaxBackward(y, g, 2, false));
    }

    @Test
    void copyCastAndAssign() {
        sameOnViewAndCopy("copy", Tensor::copy);
        sameOnViewAndCopy("contiguous", Tensor::contiguous);
        sameOnViewAndCopy("cast", x -> x.to(DType.F32));
        Tensor base = Tensor.zeros(DType.F64, tandem.tensor.Device.CPU, 4, 6);
        Tensor dst = base.slice(0, 0, 4, 2).slice(1, 1, 6, 2).transpose(0, 1);   // (3, 2), strided and transposed
        Backend cpu = base.backend();
        cpu.assign(dst, Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2));
        assertArrayEquals(new double[] {0, 1, 0, 3, 0, 5, 0, 0, 0, 0, 0, 0, 0, 2, 0, 4, 0, 6, 0, 0, 0, 0, 0, 0},
                base.toDoubleArray(), 0);
    }

    @Test
    void reshapeIsAViewWhenItCanBeAndACopyWhenItCannot() {
        Tensor x = Tensor.of(Checks.random(12, 120), SHAPE);
        Tensor flat = x.reshape(6, -1);
        assertArrayEquals(new int[] {6, 20}, flat.shape());
        assertSame(x.storage(), flat.storage(), "reshape of contiguous data is a view");
        assertArrayEquals(x.toDoubleArray(), flat.toDoubleArray(), 0);

        Tensor t = x.transpose(1, 3);
        Tensor tFlat = t.reshape(-1);
        assertNotSame(x.storage(), tFlat.storage(), "reshape of a transposed view must copy");
        assertArrayEquals(materialise(t).toDoubleArray(), tFlat.toDoubleArray(), 0);

        Tensor rows = x.narrow(0, 1, 1);             // contiguous, at an offset
        Tensor rowsFlat = rows.reshape(3, 20);
        assertSame(x.storage(), rowsFlat.storage(), "reshape of a contiguous narrow is a view");
        assertArrayEquals(Arrays.copyOfRange(x.toDoubleArray(), 60, 120), rowsFlat.toDoubleArray(), 0);

        // writes through a view are seen by the base
        x.backend().fill(rowsFlat.narrow(0, 2, 1), 9);
        for (int i = 100; i < 120; i++) assertTrue(x.toDoubleArray()[i] == 9, "element " + i + " written through the view");
    }

    @Test
    void unsqueezeSqueezeAndNarrow() {
        Tensor x = Tensor.of(Checks.random(13, 120), SHAPE);
        for (int axis = 0; axis <= 4; axis++) {
            Tensor u = x.unsqueeze(axis);
            assertTrue(u.shape()[axis] == 1 && u.dim() == 5, "unsqueeze(" + axis + ") shape " + Checks.str(u.shape()));
            assertArrayEquals(x.toDoubleArray(), u.toDoubleArray(), 0, "unsqueeze(" + axis + ") values");
            Checks.assertSame(x, u.squeeze(axis), "squeeze(unsqueeze(" + axis + "))");
        }
        Tensor t = x.transpose(0, 2);                 // (4, 3, 2, 5)
        Tensor tu = t.unsqueeze(2);                   // (4, 3, 1, 2, 5)
        Checks.assertSame(materialise(t).unsqueeze(2), materialise(tu), "unsqueeze of a transposed view");
        Checks.assertSame(materialise(t).reshape(4, 3, 1, 2, 5), tu.contiguous(), "contiguous of an unsqueezed view");

        Tensor n = x.narrow(2, 1, 2);                 // (2, 3, 2, 5)
        assertArrayEquals(new int[] {2, 3, 2, 5}, n.shape());
        for (int b = 0; b < 2; b++) {
            for (int c = 0; c < 3; c++) {
                for (int h = 0; h < 2; h++) {
                    for (int w = 0; w < 5; w++) {
                        assertTrue(n.get(b, c, h, w) == x.get(b, c, h + 1, w), "narrow at " + b + c + h + w);
                    }
                }
            }
        }
    }
}
