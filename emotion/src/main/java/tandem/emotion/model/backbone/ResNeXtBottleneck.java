package tandem.emotion.model.backbone;

import java.util.Arrays;
import tandem.autograd.Var;
import tandem.emotion.model.LayerTable;
import tandem.emotion.model.ShapeDescribed;
import tandem.nn.Layer;
import tandem.nn.Module;
import tandem.nn.Sequential;
import tandem.nn.layers.BatchNorm;
import tandem.nn.layers.Conv;
import tandem.tensor.ConvSpec;

/**
 * ResNeXt bottleneck (Hara et al., 3D-ResNets): 1x1x1 conv down to {@code width} channels, a 3x3x3 conv split into
 * {@code cardinality} groups (carrying the stride), a 1x1x1 conv up to 2*width; batch norm after each, ReLU after the
 * first two and after the residual sum. Shortcut type B: a 1x1x1 conv + batch norm only when the shape changes, the
 * identity otherwise. Names as PyTorch: conv1, bn1, conv2, bn2, conv3, bn3, downsample.0, downsample.1.
 */
final class ResNeXtBottleneck extends Module implements Layer, ShapeDescribed {
    private final Conv conv1, conv2, conv3;
    private final BatchNorm bn1, bn2, bn3;
    private final Sequential downsample;

    ResNeXtBottleneck(int inChannels, int width, int cardinality, int[] stride) {
        int outChannels = width * VideoPreset.EXPANSION;
        conv1 = child("conv1", pointwise(inChannels, width, new int[] {1, 1, 1}));
        bn1 = child("bn1", new BatchNorm(width));
        conv2 = child("conv2", new Conv(width, width, new int[] {3, 3, 3}, new ConvSpec(stride, new int[] {1, 1, 1}, new int[] {1, 1, 1}, cardinality), false));
        bn2 = child("bn2", new BatchNorm(width));
        conv3 = child("conv3", pointwise(width, outChannels, new int[] {1, 1, 1}));
        bn3 = child("bn3", new BatchNorm(outChannels));
        boolean reshapes = !Arrays.equals(stride, new int[] {1, 1, 1}) || inChannels != outChannels;
        downsample = reshapes ? child("downsample", new Sequential(pointwise(inChannels, outChannels, stride), new BatchNorm(outChannels))) : null;
    }

    private static Conv pointwise(int in, int out, int[] stride) {
        return new Conv(in, out, new int[] {1, 1, 1}, new ConvSpec(stride, new int[3], new int[] {1, 1, 1}, 1), false);
    }

    // x: (B, Cin, T, H, W) -> (B, 2*width, T/st, H/s, W/s) (ceil division; stride (st, s, s))
    @Override
    public Var forward(Var x) {
        Var shortcut = downsample == null ? x : downsample.forward(x);
        Var y = bn1.forward(conv1.forward(x)).relu();
        y = bn2.forward(conv2.forward(y)).relu();
        y = bn3.forward(conv3.forward(y));
        return y.add(shortcut).relu();
    }

    @Override
    public int[] describe(String name, int[] input, LayerTable table) {
        int[] y = LayerShapes.conv(table, name + ".conv1", conv1, input);
        y = LayerShapes.same(table, name + ".bn1", bn1, y);
        y = LayerShapes.conv(table, name + ".conv2", conv2, y);
        y = LayerShapes.same(table, name + ".bn2", bn2, y);
        y = LayerShapes.conv(table, name + ".conv3", conv3, y);
        y = LayerShapes.same(table, name + ".bn3", bn3, y);
        if (downsample != null) {
            int[] s = LayerShapes.conv(table, name + ".downsample.0", (Conv) downsample.layers().get(0), input);
            LayerShapes.same(table, name + ".downsample.1", (Module) downsample.layers().get(1), s);
        }
        table.add(name, y, parameterCount());
        return y;
    }
}
