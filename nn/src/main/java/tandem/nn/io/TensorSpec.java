package tandem.nn.io;

import java.util.Arrays;
import tandem.tensor.DType;
import tandem.tensor.Tensor;

/** What a named tensor of a model must look like: its Tandem dtype and its shape. */
public record TensorSpec(DType dtype, int[] shape) {
    public TensorSpec {
        shape = shape.clone();
    }

    public static TensorSpec of(Tensor t) { return new TensorSpec(t.dtype(), t.shape()); }

    @Override
    public int[] shape() { return shape.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec s && dtype == s.dtype && Arrays.equals(shape, s.shape);
    }

    @Override
    public int hashCode() { return dtype.hashCode() * 31 + Arrays.hashCode(shape); }

    @Override
    public String toString() { return dtype + " " + Arrays.toString(shape); }
}
