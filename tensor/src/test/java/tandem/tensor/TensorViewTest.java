package tandem.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tandem.tensor.memory.CpuStorage;

/**
 * A view's shape, strides and offset, read straight from its storage: what every backend relies on. No backend is
 * needed, so these run in the tensor module itself; op results on views are tested against copies in the kernels.
 */
class TensorViewTest {
    /** 0, 1, 2, ... laid out row-major in {@code shape}: each element's value is its flat index. */
    private static Tensor iota(int... shape) {
        double[] d = new double[(int) Shape.numel(shape)];
        for (int i = 0; i < d.length; i++) d[i] = i;
        return Tensor.of(d, shape);
    }

    /** The element at {@code index}, read from the storage through the view's offset and strides. */
    private static double at(Tensor t, int... index) {
        long off = t.offset();
        int[] st = t.strides();
        for (int i = 0; i < index.length; i++) off += (long) index[i] * st[i];
        return ((CpuStorage) t.storage()).get((int) off);
    }

    @Test
    void contiguousStridesAreRowMajor() {
        Tensor t = iota(2, 3, 4);
        assertArrayEquals(new int[] {12, 4, 1}, t.strides());
        assertTrue(t.isContiguous());
        assertTrue(t.isDense());
        assertEquals(23, at(t, 1, 2, 3));
    }

    @Test
    void permuteAndTransposeSwapStridesWithoutCopying() {
        Tensor t = iota(2, 3, 4);
        Tensor p = t.permute(2, 0, 1);                       // (4, 2, 3)
        assertSame(t.storage(), p.storage());
        assertArrayEquals(new int[] {4, 2, 3}, p.shape());
        assertArrayEquals(new int[] {1, 12, 4}, p.strides());
        assertFalse(p.isContiguous());
        for (int a = 0; a < 2; a++) for (int b = 0; b < 3; b++) for (int c = 0; c < 4; c++) {
            assertEquals(at(t, a, b, c), at(p, c, a, b));
        }
        Tensor tr = t.transpose(0, -1);                      // (4, 3, 2)
        assertArrayEquals(new int[] {1, 4, 12}, tr.strides());
        assertEquals(at(t, 1, 2, 3), at(tr, 3, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> t.permute(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> t.permute(0, 1));
    }

    @Test
    void sliceMovesTheOffsetAndScalesTheStride() {
        Tensor t = iota(5, 7);
        Tensor s = t.slice(1, 1, 7, 2);                      // columns 1, 3, 5
        assertArrayEquals(new int[] {5, 3}, s.shape());
        assertArrayEquals(new int[] {7, 2}, s.strides());
        assertEquals(1, s.offset());
        assertEquals(3 * 7 + 5, at(s, 3, 2));
        Tensor n = t.narrow(0, 2, 2);                        // rows 2, 3
        assertEquals(14, n.offset());
        assertTrue(n.isContiguous());
        assertFalse(n.isDense(), "a narrowed view does not span its storage");
        assertEquals(0, t.slice(1, 3, 3, 1).numel(), "an empty slice is allowed");
        assertThrows(IllegalArgumentException.class, () -> t.slice(1, 0, 8, 1));
        assertThrows(IllegalArgumentException.class, () -> t.slice(1, 0, 7, 0));
    }

    @Test
    void expandBroadcastsWithZeroStrides() {
        Tensor t = iota(3, 1);
        Tensor e = t.expand(2, 3, 4);
        assertArrayEquals(new int[] {0, 1, 0}, e.strides());
        assertEquals(24, e.numel());
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 4; k++) assertEquals(j, at(e, i, j, k));
        assertThrows(IllegalArgumentException.class, () -> t.expand(3, 2, 5));
        assertThrows(IllegalArgumentException.class, () -> t.expand(4));
    }

    @Test
    void squeezeUnsqueezeAndReshapeKeepTheElements() {
        Tensor t = iota(2, 1, 3);
        Tensor sq = t.squeeze(1);
        assertArrayEquals(new int[] {2, 3}, sq.shape());
        assertEquals(5, at(sq, 1, 2));
        Tensor un = sq.unsqueeze(0);
        assertArrayEquals(new int[] {1, 2, 3}, un.shape());
        assertEquals(4, at(un, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> t.squeeze(0));

        Tensor r = t.reshape(3, -1);
        assertSame(t.storage(), r.storage(), "reshaping contiguous data is a view");
        assertArrayEquals(new int[] {3, 2}, r.shape());
        assertEquals(5, at(r, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> t.reshape(4, -1));
        assertThrows(IllegalArgumentException.class, () -> t.reshape(-1, -1));
    }

    @Test
    void viewsOfViewsCompose() {
        Tensor t = iota(4, 6);
        Tensor v = t.transpose(0, 1).slice(0, 1, 6, 2).narrow(1, 1, 2);   // (3, 2): rows of t 1..2, columns 1, 3, 5
        assertArrayEquals(new int[] {3, 2}, v.shape());
        for (int i = 0; i < 3; i++) for (int j = 0; j < 2; j++) assertEquals((j + 1) * 6 + (2 * i + 1), at(v, i, j));
    }

    @Test
    void badShapesAreRefusedWithTheShapeInTheMessage() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[5], 2, 3));
        assertTrue(e.getMessage().contains("[2, 3]") || e.getMessage().contains("(2, 3)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Tensor(CpuStorage.wrap(new float[4]), new int[] {-1, 4}, new int[] {4, 1}, 0));
    }
}
