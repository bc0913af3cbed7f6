package tandem.emotion.model.backbone;

import tandem.autograd.Var;
import tandem.emotion.model.Footprint;
import tandem.emotion.model.LayerTable;
import tandem.emotion.model.ShapeDescribed;
import tandem.nn.Layer;
import tandem.nn.Module;
import tandem.nn.Seeds;
import tandem.nn.Sequential;
import tandem.nn.layers.BatchNorm;
import tandem.nn.layers.Conv;
import tandem.nn.layers.Pooling;
import tandem.tensor.ConvSpec;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.PoolSpec;
import tandem.tensor.RandomKind;
import tandem.tensor.Tensor;

/**
 * The video branch: a 3-D ResNeXt as Hara et al.'s 3D-ResNets build it and MSAF uses it, up to the last stage's
 * feature maps (pooling and classification belong to the head). Stem: Conv3d(3, stem, k7, stride (1,2,2), pad 3,
 * no bias) + BN (+ ReLU) + MaxPool3d(3, stride 2, pad 1); then four stages of {@link ResNeXtBottleneck}s, stages 2-4
 * with stride 2. Stage outputs are reachable one at a time ({@link #forwardStem}, {@link #forwardStage}) so fusion
 * blocks can sit between them, and are tapped as "stem", "layer1" .. "layer4".
 *
 * <p>MSAF's fused network drops the stem ReLU (its visual branch goes straight from bn1 to the max-pool); Hara's
 * unimodal network keeps it. Both are offered.
 */
public final class ResNeXt3d extends Module implements Layer, ShapeDescribed {
    private final VideoPreset preset;
    private final boolean stemRelu;
    private final Conv conv1;
    private final BatchNorm bn1;
    private final PoolSpec maxpoolSpec = PoolSpec.of(3, 3, 2, 1);
    private final Pooling maxpool;
    private final Sequential[] stages = new Sequential[VideoPreset.STAGES];

    public ResNeXt3d(VideoPreset preset, boolean stemRelu) {
        this.preset = preset;
        this.stemRelu = stemRelu;
        conv1 = child("conv1", new Conv(3, preset.stemChannels(), new int[] {7, 7, 7},
                new ConvSpec(new int[] {1, 2, 2}, new int[] {3, 3, 3}, new int[] {1, 1, 1}, 1), false));
        bn1 = child("bn1", new BatchNorm(preset.stemChannels()));
        maxpool = child("maxpool", new Pooling(maxpoolSpec, true));
        int in = preset.stemChannels();
        for (int s = 1; s <= VideoPreset.STAGES; s++) {
            Sequential stage = new Sequential();
            int[] stride = s == 1 ? new int[] {1, 1, 1} : new int[] {preset.timeStride(), 2, 2};
            for (int b = 0; b < preset.layers()[s - 1]; b++) {
                stage.add(new ResNeXtBottleneck(in, preset.stageWidth(s), preset.cardinality(), b == 0 ? stride : new int[] {1, 1, 1}));
                in = preset.stageChannels(s);
            }
            stages[s - 1] = child("layer" + s, stage);
        }
        initConvWeights(this);
    }

    public VideoPreset preset() { return preset; }

    public boolean hasStemRelu() { return stemRelu; }

    /** Output channels of stage {@code stage} (1..4). */
    public int stageChannels(int stage) { return preset.stageChannels(stage); }

    // x: (B, 3, T, H, W) -> (B, stem, ceil(T/2), ceil(H/4), ceil(W/4))
    public Var forwardStem(Var x) {
        Var y = bn1.forward(conv1.forward(x));
        if (stemRelu) y = y.relu();
        return tap("stem", maxpool.forward(y));
    }

    // x: output of the stem (stage 1) or of stage - 1 -> (B, stageChannels(stage), ...)
    public Var forwardStage(int stage, Var x) {
        VideoPreset.checkStage(stage);
        return tap("layer" + stage, stages[stage - 1].forward(x));
    }

    /** Stem and all four stages: (B, 3, T, H, W) -> (B, stageChannels(4), T', H', W'). */
    @Override
    public Var forward(Var x) {
        Var y = forwardStem(x);
        for (int s = 1; s <= VideoPreset.STAGES; s++) y = forwardStage(s, y);
        return y;
    }

    @Override
    public int[] describe(String name, int[] input, LayerTable table) {
        int[] y = LayerShapes.conv(table, name + ".conv1", conv1, input);
        y = LayerShapes.same(table, name + ".bn1", bn1, y);
        y = LayerShapes.pool(table, name + ".maxpool", maxpoolSpec, y);
        for (int s = 1; s <= VideoPreset.STAGES; s++) {
            String stageName = name + ".layer" + s;
            var blocks = stages[s - 1].layers();
            for (int b = 0; b < blocks.size(); b++) y = ((ResNeXtBottleneck) blocks.get(b)).describe(stageName + "." + b, y, table);
            table.add(stageName, y, stages[s - 1].parameterCount());
        }
        return y;
    }

    /**
     * Parameters and activations of this branch for {@code preset}, worked out without building it (see
     * {@link Footprint}). The shapes follow {@link #describe}: the stem keeps T and halves H and W, the max-pool halves
     * all three, stages 2-4 divide by (timeStride, 2, 2), always rounding up. {@code ResNeXt3dTest} checks the
     * parameter count against a built network.
     */
    public static Footprint footprint(VideoPreset preset) {
        long t = preset.frames(), h = preset.size();
        long stem = preset.stemChannels();
        Footprint f = new Footprint(3 * stem * 343 + 2 * stem, 0, 0).plusActivation(3 * t * h * h, 1);
        long h2 = ceilDiv(h, 2);
        f = f.plusActivation(stem * t * h2 * h2, 3);                  // conv1, bn1, ReLU
        t = ceilDiv(t, 2);
        h = ceilDiv(h2, 2);
        f = f.plusActivation(stem * t * h * h, 1);                    // max-pool
        long in = stem;
        for (int s = 1; s <= VideoPreset.STAGES; s++) {
            long w = preset.stageWidth(s), out = preset.stageChannels(s);
            for (int b = 0; b < preset.layers()[s - 1]; b++) {
                boolean strided = b == 0 && s > 1;
                long nIn = t * h * h;
                if (strided) {
                    t = ceilDiv(t, preset.timeStride());
                    h = ceilDiv(h, 2);
                }
                long nOut = t * h * h;
                f = f.plusParameters(in * w + 2 * w + w * (w / preset.cardinality()) * 27 + 2 * w + w * out + 2 * out)
                        .plusActivation(w * nIn, 3).plusActivation(w * nOut, 3).plusActivation(out * nOut, 2)
                        .plusActivation(out * nOut, 2);               // conv3 and bn3; the residual sum and its ReLU
                if (strided || in != out) f = f.plusParameters(in * out + 2 * out).plusActivation(out * nOut, 2);
                in = out;
            }
        }
        return f;
    }

    /** The last stage's output for one clip, (C, T', H', W'), as {@link #footprint} works it out. */
    public static int[] featureShape(VideoPreset preset) {
        long t = ceilDiv(preset.frames(), 2), h = ceilDiv(ceilDiv(preset.size(), 2), 2);
        for (int s = 2; s <= VideoPreset.STAGES; s++) {
            t = ceilDiv(t, preset.timeStride());
            h = ceilDiv(h, 2);
        }
        return new int[] {preset.stageChannels(VideoPreset.STAGES), (int) t, (int) h, (int) h};
    }

    private static long ceilDiv(long a, long b) { return (a + b - 1) / b; }

    /**
     * Kaiming-normal weights with fan-out, as Hara et al. initialise their 3-D ResNets: deep stacks of
     * conv+BN+ReLU keep their activation scale from the first step, which PyTorch's default uniform bound does not.
     */
    private static void initConvWeights(Module m) {
        if (m instanceof Conv c) {
            int[] w = c.weight().shape();
            long fanOut = w[0];
            for (int i = 2; i < w.length; i++) fanOut *= w[i];
            double std = Math.sqrt(2.0 / fanOut);
            c.weight().replaceData(Tensor.random(RandomKind.NORMAL, Seeds.next(), 0, std, DType.F32, Device.CPU, w));
        }
        for (Module child : m.children().values()) initConvWeights(child);
    }
}
