package tandem.tensor;

import java.util.Arrays;
import tandem.tensor.backend.Backend;
import tandem.tensor.backend.Backends;
import tandem.tensor.memory.CpuStorage;
import tandem.tensor.memory.Storage;

/**
 * An n-dimensional array: a strided view (shape, strides, offset) over a {@link Storage} on one device.
 * Views (reshape of contiguous data, permute, transpose, narrow, slice, expand, squeeze, unsqueeze) share storage;
 * {@link #contiguous()} copies only when it must. Arithmetic goes to the device's {@link Backend}.
 * This is the raw, non-differentiable tensor; {@code tandem.autograd.Var} records graphs on top of it.
 */
public final class Tensor implements AutoCloseable {
    private final Storage storage;
    private final int[] shape;
    private final int[] strides;
    private final long offset;

    public Tensor(Storage storage, int[] shape, int[] strides, long offset) {
        if (shape.length != strides.length) {
            throw new IllegalArgumentException("shape " + Shape.str(shape) + " and strides " + Arrays.toString(strides) + " differ in rank");
        }
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Shape.str(shape));
        }
        this.storage = storage;
        this.shape = shape.clone();
        this.strides = strides.clone();
        this.offset = offset;
    }

    /** A contiguous tensor over the whole of {@code storage}. */
    public static Tensor of(Storage storage, int... shape) {
        if (Shape.numel(shape) != storage.length()) {
            throw new IllegalArgumentException("shape " + Shape.str(shape) + " holds " + Shape.numel(shape)
                    + " elements but the storage has " + storage.length());
        }
        return new Tensor(storage, shape, Shape.contiguousStrides(shape), 0);
    }

    // ---- creation -------------------------------------------------------------------------------------------
    public static Tensor of(float[] data, int... shape) { return of(CpuStorage.wrap(data.clone()), shape); }

    public static Tensor of(double[] data, int... shape) { return of(CpuStorage.wrap(data.clone()), shape); }

    public static Tensor scalar(double v, DType dtype) {
        return dtype == DType.F32 ? of(new float[] {(float) v}) : of(new double[] {v});
    }

    public static Tensor zeros(DType dtype, Device device, int... shape) {
        return of(Backends.get(device).allocate(dtype, Shape.numel(shape)), shape);
    }

    public static Tensor zeros(int... shape) { return zeros(DType.F32, Device.CPU, shape); }

    public static Tensor full(double value, DType dtype, Device device, int... shape) {
        Tensor t = zeros(dtype, device, shape);
        if (value != 0) t.backend().fill(t, value);
        return t;
    }

    public static Tensor ones(int... shape) { return full(1, DType.F32, Device.CPU, shape); }

    /** 0, 1, ..., n-1 */
    public static Tensor arange(int n, DType dtype) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = i;
        return of(d, n).to(dtype);
    }

    public static Tensor random(RandomKind kind, long seed, double a, double b, DType dtype, Device device, int... shape) {
        return Backends.get(device).random(kind, shape, dtype, seed, 0, a, b);
    }

    public static Tensor randn(long seed, int... shape) {
        return random(RandomKind.NORMAL, seed, 0, 1, DType.F32, Device.CPU, shape);
    }

    public static Tensor rand(long seed, int... shape) {
        return random(RandomKind.UNIFORM, seed, 0, 1, DType.F32, Device.CPU, shape);
    }

    // ---- metadata -------------------------------------------------------------------------------------------
    public Storage storage() { return storage; }

    public int[] shape() { return shape.clone(); }

    public int[] strides() { return strides.clone(); }

    public long offset() { return offset; }

    public int dim() { return shape.length; }

    public int size(int axis) { return shape[Shape.axis("size", axis, shape.length)]; }

    public long numel() { return Shape.numel(shape); }

    public DType dtype() { return storage.dtype(); }

    public Device device() { return storage.device(); }

    public Backend backend() { return Backends.get(storage.device()); }

    public boolean isContiguous() {
        int expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) return false;
            expected *= shape[i];
        }
        return true;
    }

    /** True when this view is contiguous and spans its whole storage from offset 0. */
    public boolean isDense() { return isContiguous() && offset == 0 && numel() == storage.length(); }

    // ---- views ----------------------------------------------------------------------------------------------
    /** A view when the layout allows it (contiguous data), otherwise a copy. One dimension may be -1. */
    public Tensor reshape(int... newShape) {
        int[] s = inferShape(newShape);
        if (isContiguous()) return new Tensor(storage, s, Shape.contiguousStrides(s), offset);
        return contiguous().reshape(s);
    }

    private int[] inferShape(int[] newShape) {
        int[] s = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) throw new IllegalArgumentException("reshape: more than one -1 in " + Shape.str(newShape));
                infer = i;
            } else {
                known *= s[i];
            }
        }
        if (infer >= 0 && known > 0) s[infer] = (int) (numel() / known);
        if (Shape.numel(s) != numel()) {
            throw new IllegalArgumentException("reshape: cannot view shape " + Shape.str(shape) + " (" + numel()
                    + " elements) as " + Shape.str(newShape));
        }
        return s;
    }

    public Tensor flatten() { return reshape(-1); }

    public Tensor permute(int... axes) {
        if (axes.length != shape.length) {
            throw new IllegalArgumentException("permute: " + Arrays.toString(axes) + " is not a permutation of the axes of " + Shape.str(shape));
        }
        int[] s = new int[axes.length], st = new int[axes.length];
        boolean[] seen = new boolean[axes.length];
        for (int i = 0; i < axes.length; i++) {
            int a = Shape.axis("permute", axes[i], shape.length);
            if (seen[a]) throw new IllegalArgumentException("permute: axis " + a + " repeated in " + Arrays.toString(axes));
            seen[a] = true;
            s[i] = shape[a];
            st[i] = strides[a];
        }
        return new Tensor(storage, s, st, offset);
    }

    public Tensor transpose(int a, int b) {
        int[] p = new int[shape.length];
        for (int i = 0; i < p.length; i++) p[i] = i;
        a = Shape.axis("transpose", a, shape.length);
        b = Shape.axis("transpose", b, shape.length);
        p[a] = b;
        p[b] = a;
        return permute(p);
    }

    /** Elements {@code start .. start+length-1} along {@code axis}. */
    public Tensor narrow(int axis, int start, int length) {
        return slice(axis, start, start + length, 1);
    }

    /** Python-style {@code [start:end:step]} along {@code axis} (step >= 1, bounds within the dimension). */
    public Tensor slice(int axis, int start, int end, int step) {
        int a = Shape.axis("slice", axis, shape.length);
        if (start < 0 || end > shape[a] || start > end || step < 1) {
            throw new IllegalArgumentException("slice: [" + start + ":" + end + ":" + step + "] out of range for axis " + a
                    + " of shape " + Shape.str(shape));
        }
        int[] s = shape.clone(), st = strides.clone();
        s[a] = (end - start + step - 1) / step;
        st[a] = strides[a] * step;
        return new Tensor(storage, s, st, offset + (long) start * strides[a]);
    }

    /** Broadcasts size-1 dimensions (stride 0) and prepends new leading dimensions, without copying. */
    public Tensor expand(int... target) {
        if (target.length < shape.length) {
            throw new IllegalArgumentException("expand: cannot expand " + Shape.str(shape) + " to fewer dims " + Shape.str(target));
        }
        int lead = target.length - shape.length;
        int[] st = new int[target.length];
        for (int i = 0; i < target.length; i++) {
            if (i < lead) { st[i] = 0; continue; }
            int d = shape[i - lead];
            if (d == target[i]) st[i] = strides[i - lead];
            else if (d == 1) st[i] = 0;
            else throw new IllegalArgumentException("expand: cannot expand " + Shape.str(shape) + " to " + Shape.str(target));
        }
        return new Tensor(storage, target, st, offset);
    }

    public Tensor squeeze(int axis) {
        int a = Shape.axis("squeeze", axis, shape.length);
        if (shape[a] != 1) throw new IllegalArgumentException("squeeze: axis " + a + " of " + Shape.str(shape) + " is not 1");
        int[] s = new int[shape.length - 1], st = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i == a) continue;
            s[j] = shape[i];
            st[j++] = strides[i];
        }
        return new Tensor(storage, s, st, offset);
    }

    public Tensor unsqueeze(int axis) {
        int a = Shape.axis("unsqueeze", axis, shape.length + 1);
        int[] s = new int[shape.length + 1], st = new int[shape.length + 1];
        for (int i = 0, j = 0; i < s.length; i++) {
            if (i == a) {
                s[i] = 1;
                st[i] = j < shape.length ? strides[j] * shape[j] : 1;
            } else {
                s[i] = shape[j];
                st[i] = strides[j++];
            }
        }
        return new Tensor(storage, s, st, offset);
    }

    /** This tensor if already contiguous from offset 0, otherwise a contiguous copy. */
    public Tensor contiguous() {
        return isDense() ? this : backend().copy(this);
    }

    // ---- data -----------------------------------------------------------------------------------------------
    public Tensor to(Device target) {
        if (target.equals(device())) return this;
        Tensor c = contiguous();
        Backend dst = Backends.get(target);
        Storage s = dtype() == DType.F32 ? dst.upload(c.backend().downloadF32(c.storage))
                : dst.upload(c.backend().downloadF64(c.storage));
        return of(s, shape);
    }

    public Tensor to(DType target) {
        return target == dtype() ? this : backend().cast(this, target);
    }

    /** A fresh host copy in row-major order. */
    public float[] toFloatArray() {
        Tensor c = contiguous();
        float[] all = c.backend().downloadF32(c.storage);
        return all.length == numel() ? all : Arrays.copyOf(all, (int) numel());
    }

    public double[] toDoubleArray() {
        Tensor c = contiguous();
        double[] all = c.backend().downloadF64(c.storage);
        return all.length == numel() ? all : Arrays.copyOf(all, (int) numel());
    }

    /** The single value of a one-element tensor. */
    public double item() {
        if (numel() != 1) throw new IllegalStateException("item: tensor of shape " + Shape.str(shape) + " has " + numel() + " elements, not 1");
        return toDoubleArray()[0];
    }

    /** The element at a multi-index (slow; for tests and printing). */
    public double get(int... index) {
        if (index.length != shape.length) throw new IllegalArgumentException("get: index rank " + index.length + " for shape " + Shape.str(shape));
        long off = offset;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) throw new IndexOutOfBoundsException("get: index " + Arrays.toString(index) + " outside " + Shape.str(shape));
            off += (long) index[i] * strides[i];
        }
        return narrowTo(off).toDoubleArray()[0];
    }

    private Tensor narrowTo(long elementOffset) {
        return new Tensor(storage, new int[0], new int[0], elementOffset);
    }

    public Tensor copy() { return backend().copy(this); }

    // ---- arithmetic (raw, no autograd) ----------------------------------------------------------------------
    public Tensor add(Tensor o) { return binary(BinaryOp.ADD, o); }

    public Tensor sub(Tensor o) { return binary(BinaryOp.SUB, o); }

    public Tensor mul(Tensor o) { return binary(BinaryOp.MUL, o); }

    public Tensor div(Tensor o) { return binary(BinaryOp.DIV, o); }

    public Tensor add(double s) { return unary(UnaryOp.ADD_SCALAR, s); }

    public Tensor mul(double s) { return unary(UnaryOp.MUL_SCALAR, s); }

    public Tensor unary(UnaryOp op) { return unary(op, 0); }

    public Tensor unary(UnaryOp op, double param) { return backend().unary(op, this, param); }

    public Tensor binary(BinaryOp op, Tensor o) {
        requireSameDeviceAndType(op.name().toLowerCase(), o);
        return backend().binary(op, this, o);
    }

    public Tensor matmul(Tensor o) {
        requireSameDeviceAndType("matmul", o);
        return backend().matmul(this, o);
    }

    public Tensor reduce(ReduceOp op, boolean keepDims, int... axes) {
        return backend().reduce(op, this, normaliseAxes(op.name().toLowerCase(), axes), keepDims);
    }

    /** Sum of all elements as a 0-d tensor. */
    public Tensor sum() { return reduce(ReduceOp.SUM, false, allAxes()); }

    public Tensor sum(boolean keepDims, int... axes) { return reduce(ReduceOp.SUM, keepDims, axes); }

    public Tensor mean(boolean keepDims, int... axes) { return reduce(ReduceOp.MEAN, keepDims, axes); }

    public Tensor max(boolean keepDims, int... axes) { return reduce(ReduceOp.MAX, keepDims, axes); }

    public Tensor argmax(int axis) { return reduce(ReduceOp.ARGMAX, false, axis); }

    public Tensor softmax(int axis) { return backend().softmax(this, Shape.axis("softmax", axis, shape.length), false); }

    public int[] allAxes() {
        int[] a = new int[shape.length];
        for (int i = 0; i < a.length; i++) a[i] = i;
        return a;
    }

    /** Sorted, distinct, non-negative axes; names the op on error. */
    public int[] normaliseAxes(String op, int... axes) {
        int[] a = new int[axes.length];
        for (int i = 0; i < axes.length; i++) a[i] = Shape.axis(op, axes[i], shape.length);
        Arrays.sort(a);
        for (int i = 1; i < a.length; i++) {
            if (a[i] == a[i - 1]) throw new IllegalArgumentException(op + ": axis " + a[i] + " repeated");
        }
        return a;
    }

    /** Fails with a message naming the op, both shapes, and what differs. */
    public void requireSameDeviceAndType(String op, Tensor o) {
        if (!device().equals(o.device())) {
            throw new IllegalArgumentException(op + ": tensors on different devices: " + Shape.str(shape) + " on " + device()
                    + " and " + Shape.str(o.shape) + " on " + o.device() + "; move one with to(Device)");
        }
        if (dtype() != o.dtype()) {
            throw new IllegalArgumentException(op + ": dtypes differ: " + Shape.str(shape) + " is " + dtype()
                    + " and " + Shape.str(o.shape) + " is " + o.dtype() + "; convert one with to(DType)");
        }
    }

    /** Releases the storage (and so every view of it). */
    @Override
    public void close() { storage.close(); }

    @Override
    public String toString() { return TensorFormat.format(this); }
}
