package tandem.emotion.model;

/**
 * What a model of some spec will hold before it is built: its parameter count, and for one sample the elements of
 * every activation a training step keeps (the sum) and of the largest one alone. All in long arithmetic, so that a
 * hostile spec shows as a large number rather than as an overflowed int.
 *
 * @param parameters  learnable values (weights and biases; not batch-norm running statistics)
 * @param activations elements of the layer outputs one sample leaves for the backward pass
 * @param largest     elements of the largest single layer output of one sample
 */
public record Footprint(long parameters, long activations, long largest) {
    public static final Footprint NONE = new Footprint(0, 0, 0);

    public Footprint plus(Footprint o) {
        return new Footprint(Math.addExact(parameters, o.parameters), Math.addExact(activations, o.activations), Math.max(largest, o.largest));
    }

    public Footprint plusParameters(long n) { return new Footprint(Math.addExact(parameters, n), activations, largest); }

    /** One layer output of {@code elements} elements, kept {@code copies} times (conv, batch norm and ReLU outputs each count). */
    public Footprint plusActivation(long elements, int copies) {
        return new Footprint(parameters, Math.addExact(activations, Math.multiplyExact(elements, copies)), Math.max(largest, elements));
    }
}
