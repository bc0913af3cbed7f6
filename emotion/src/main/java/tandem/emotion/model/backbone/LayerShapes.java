package tandem.emotion.model.backbone;

import tandem.emotion.model.LayerTable;
import tandem.nn.Module;
import tandem.nn.layers.Conv;
import tandem.tensor.PoolSpec;

/** Output shapes of the leaf layers the backbones use, appended to a {@link LayerTable} as they are worked out. */
final class LayerShapes {
    private LayerShapes() {}

    static int[] conv(LayerTable table, String name, Conv conv, int[] in) {
        int[] out = conv.spec().outputShape(name, in, conv.weight().shape());
        table.add(name, out, conv.parameterCount());
        return out;
    }

    static int[] pool(LayerTable table, String name, PoolSpec spec, int[] in) {
        int[] out = spec.outputShape(name, in);
        table.add(name, out, 0);
        return out;
    }

    /** Layers that keep the shape: batch norm, activations, dropout. */
    static int[] same(LayerTable table, String name, Module layer, int[] in) {
        table.add(name, in, layer.parameterCount());
        return in;
    }
}
