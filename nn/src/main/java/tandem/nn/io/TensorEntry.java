package tandem.nn.io;

import java.util.Arrays;

/**
 * One tensor as a safetensors header describes it: element type, shape, and the byte range
 * {@code [begin, end)} of its data, relative to the start of the data buffer.
 */
public record TensorEntry(String name, SafetensorsDType dtype, int[] shape, long begin, long end) {
    public TensorEntry {
        shape = shape.clone();
    }

    @Override
    public int[] shape() { return shape.clone(); }

    public long numel() {
        long n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    public long byteLength() { return end - begin; }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorEntry e && name.equals(e.name) && dtype == e.dtype && Arrays.equals(shape, e.shape)
                && begin == e.begin && end == e.end;
    }

    @Override
    public int hashCode() { return (name.hashCode() * 31 + dtype.hashCode()) * 31 + Arrays.hashCode(shape); }

    @Override
    public String toString() {
        return name + " " + dtype + " " + Arrays.toString(shape) + " @[" + begin + ", " + end + ")";
    }
}
