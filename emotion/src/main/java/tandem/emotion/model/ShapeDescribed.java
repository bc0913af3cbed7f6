package tandem.emotion.model;

/**
 * A part of the model that can tell its output shape from its input shape without computing anything, so that a
 * summary of the full-size network costs nothing (a real forward of the RAVDESS preset takes minutes on reference
 * kernels). The emotion model's tests check these shapes against a real forward.
 */
public interface ShapeDescribed {
    /**
     * Appends rows for this part (named {@code name}, its sub-layers as {@code name.child}) to {@code table} and returns
     * the output shape for an input of shape {@code input} (batch first).
     */
    int[] describe(String name, int[] input, LayerTable table);
}
