package tandem.kernels.device;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tandem.tensor.Tensor;
import tandem.tensor.memory.Storage;

/**
 * The arguments of one kernel launch, in the kernel's parameter order, typed the way the kernel declares them.
 * A runtime turns each into its native form ({@code clSetKernelArg} or a CUDA parameter pointer).
 */
public final class KernelArgs {
    /** One argument. */
    public sealed interface Arg permits I32, I64, Real, Acc, Ints, Buffer {}

    /** {@code int} */
    public record I32(int value) implements Arg {}

    /** {@code i64} */
    public record I64(long value) implements Arg {}

    /** {@code real}: float or double, as the program the kernel belongs to. */
    public record Real(double value) implements Arg {}

    /** {@code acc}: double when the device has doubles, else float. */
    public record Acc(double value) implements Arg {}

    /** A struct of ints passed by value (tk_shape, tk_strides, tk_conv, tk_pool). */
    public record Ints(int[] values) implements Arg {}

    /** A device buffer ({@code GLOBAL real*}). */
    public record Buffer(Storage storage) implements Arg {}

    private final List<Arg> args = new ArrayList<>();

    public KernelArgs i32(int v) { return add(new I32(v)); }

    public KernelArgs i32(boolean v) { return add(new I32(v ? 1 : 0)); }

    public KernelArgs i64(long v) { return add(new I64(v)); }

    public KernelArgs real(double v) { return add(new Real(v)); }

    public KernelArgs acc(double v) { return add(new Acc(v)); }

    public KernelArgs ints(int[] v) { return add(new Ints(v.clone())); }

    public KernelArgs buffer(Storage s) { return add(new Buffer(s)); }

    public KernelArgs buffer(Tensor t) { return buffer(t.storage()); }

    public List<Arg> list() { return Collections.unmodifiableList(args); }

    private KernelArgs add(Arg a) {
        args.add(a);
        return this;
    }
}
