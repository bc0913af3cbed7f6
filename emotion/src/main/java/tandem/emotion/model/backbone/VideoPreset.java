package tandem.emotion.model.backbone;

import java.util.Arrays;

/**
 * Size of a 3-D ResNeXt video branch and of the clip it reads. Every preset keeps Hara et al.'s topology (stem, four
 * stages of bottlenecks with a grouped 3x3x3 middle conv, shortcut type B); only widths, depths and input size change.
 *
 * @param stemChannels output channels of the 7x7x7 stem conv (64 in ResNeXt-50)
 * @param width        middle channels of the first stage's bottlenecks; stage i uses width * 2^(i-1) and outputs twice
 *                     that (expansion 2). ResNeXt-50 32x: 128, so stage outputs are 256, 512, 1024, 2048
 * @param cardinality  groups of the middle conv; must divide every stage's width
 * @param layers       bottleneck blocks per stage
 * @param frames       clip length T of the input (B, 3, T, H, W)
 * @param size         frame height and width
 * @param timeStride   temporal stride of stages 2-4 (2 in Hara et al.; 1 keeps the time axis, so small clips still
 *                     have several time steps where fusion blocks sit)
 */
public record VideoPreset(String name, int stemChannels, int width, int cardinality, int[] layers, int frames, int size, int timeStride) {
    /** ResNeXt-50 32x over 3x30x224x224, as MSAF's RAVDESS network. */
    public static final VideoPreset RAVDESS = new VideoPreset("ravdess", 64, 128, 32, new int[] {3, 4, 6, 3}, 30, 224, 2);
    /**
     * Same topology, narrower and shallower, for training on a few CPU cores. It keeps RAVDESS's 30 frames so that the
     * fusion points see the same time resolution (T = 4 after stage 3, 2 after stage 4) and 48x48 pixels so that
     * stage 4 still has a 2x2 map for class maps. On the reference CPU kernels a forward+backward of a batch of 8 takes
     * about 6-8 s of CPU time on a 2-core AVX-512 machine.
     */
    public static final VideoPreset SMALL = new VideoPreset("small", 16, 16, 8, new int[] {1, 2, 2, 1}, 30, 48, 2);
    /**
     * The smallest network that still has every part of the topology; for tests and quick runs. The 7x7x7 stem
     * dominates its cost, so the frames are 16x16: on the reference CPU kernels a forward+backward of a batch of 8
     * takes about 0.3 s (0.3-0.4 s of CPU time) on a 2-core AVX-512 machine; 32x32 frames take 0.5-0.7 s of CPU. The price: stages 3 and
     * 4 are 1x1x1, so tiny exercises every code path but leaves fusion blocks no time axis to window.
     */
    public static final VideoPreset TINY = new VideoPreset("tiny", 8, 8, 4, new int[] {1, 1, 1, 1}, 16, 32, 1);

    public static final int STAGES = 4;
    public static final int EXPANSION = 2;

    public VideoPreset {
        if (layers.length != STAGES) {
            throw new IllegalArgumentException("VideoPreset " + name + ": need " + STAGES + " stages, got layers " + Arrays.toString(layers));
        }
        for (int n : layers) {
            if (n < 1) throw new IllegalArgumentException("VideoPreset " + name + ": every stage needs at least one block, got " + Arrays.toString(layers));
        }
        if (stemChannels < 1 || width < 1 || cardinality < 1 || frames < 1 || size < 1 || timeStride < 1 || timeStride > 2) {
            throw new IllegalArgumentException("VideoPreset " + name + ": sizes must be positive");
        }
        if (width % cardinality != 0) {
            throw new IllegalArgumentException("VideoPreset " + name + ": width " + width + " is not divisible by cardinality " + cardinality);
        }
        layers = layers.clone();
    }

    @Override
    public int[] layers() { return layers.clone(); }

    /** Middle (grouped conv) channels of stage {@code stage} (1..4). */
    public int stageWidth(int stage) {
        checkStage(stage);
        return width << (stage - 1);
    }

    /** Output channels of stage {@code stage} (1..4). */
    public int stageChannels(int stage) { return stageWidth(stage) * EXPANSION; }

    /** The input of one clip, without the batch axis: (3, T, H, W). */
    public int[] inputShape() { return new int[] {3, frames, size, size}; }

    static void checkStage(int stage) {
        if (stage < 1 || stage > STAGES) throw new IllegalArgumentException("ResNeXt stage must be 1.." + STAGES + ", got " + stage);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VideoPreset p && name.equals(p.name) && stemChannels == p.stemChannels && width == p.width
                && cardinality == p.cardinality && Arrays.equals(layers, p.layers) && frames == p.frames && size == p.size && timeStride == p.timeStride;
    }

    @Override
    public int hashCode() { return name.hashCode() * 31 + Arrays.hashCode(layers); }

    @Override
    public String toString() {
        return "VideoPreset[" + name + ": stem " + stemChannels + ", width " + width + ", cardinality " + cardinality
                + ", layers " + Arrays.toString(layers) + ", input 3x" + frames + "x" + size + "x" + size + "]";
    }
}
