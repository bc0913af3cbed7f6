package tandem.bench;

import tandem.tensor.ConvSpec;
import tandem.tensor.Shape;

/** A convolution shape the model really runs (reference/shapes.md in the project notes). */
public record ConvCase(String id, int[] x, int[] w, ConvSpec spec) {
    public static final ConvCase[] ALL = {
            new ConvCase("conv3d-stem", new int[] {8, 3, 16, 112, 112}, new int[] {64, 3, 3, 7, 7},
                    new ConvSpec(new int[] {1, 2, 2}, new int[] {1, 3, 3}, new int[] {1, 1, 1}, 1)),
            new ConvCase("conv3d-mid", new int[] {8, 128, 8, 28, 28}, new int[] {128, 128, 3, 3, 3}, ConvSpec.of(3, 1, 1, 1, 1)),
            new ConvCase("conv3d-grouped", new int[] {4, 512, 4, 14, 14}, new int[] {512, 16, 3, 3, 3}, ConvSpec.of(3, 1, 1, 1, 32)),
            new ConvCase("conv1d-mfcc", new int[] {8, 13, 212}, new int[] {32, 13, 7}, ConvSpec.of(1, 1, 2, 1, 1)),
            new ConvCase("conv1d-mid", new int[] {8, 64, 300}, new int[] {128, 64, 3}, ConvSpec.of(1, 1, 1, 1, 1)),
    };

    public static ConvCase byId(String id) {
        for (ConvCase c : ALL) if (c.id.equals(id)) return c;
        throw new IllegalArgumentException("unknown convolution benchmark '" + id + "'; known: " + ids());
    }

    static String ids() {
        StringBuilder s = new StringBuilder();
        for (ConvCase c : ALL) s.append(s.length() == 0 ? "" : ", ").append(c.id);
        return s.toString();
    }

    public int[] y() { return spec.outputShape(id, x, w); }

    /** Bytes each pass moves at least: two of x, w, y read and the third written, once each. */
    public double bytes(int elementBytes) {
        return (double) (Shape.numel(x) + Shape.numel(w) + Shape.numel(y())) * elementBytes;
    }

    /** Forward FLOPs: every output element is a dot product of (C / groups) * prod(K) multiply-adds. */
    public double forwardFlops() {
        long taps = Shape.numel(w) / w[0];
        return 2.0 * Shape.numel(y()) * taps;
    }
}
