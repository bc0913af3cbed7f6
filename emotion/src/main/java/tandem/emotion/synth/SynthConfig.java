package tandem.emotion.synth;

import tandem.emotion.data.Emotion;
import tandem.tensor.Tandem;

/**
 * What {@link CorpusGenerator} makes. The defaults give the embedded demo corpus: 8 subjects x 4
 * classes x 3 clips of 3.6 s (90 frames: three non-overlapping 30-frame segments) at 25 fps and
 * 96x96 pixels, 16 kHz audio.
 *
 * @param subjects          number of synthetic children
 * @param clipsPerClass     clips per subject and class
 * @param clipSeconds       length of each clip
 * @param fps               video frame rate
 * @param width             frame width in pixels (even)
 * @param height            frame height in pixels (even)
 * @param sampleRate        audio sample rate in Hz
 * @param seed              everything is a function of this seed
 * @param ambiguousFraction share of clips whose expression and voice are blended with another class
 * @param noiseLevel        scales every nuisance (pixel noise, blur, lighting, background noise); 0 = clean
 * @param overwrite         write into a non-empty folder that is not a Tandem synthetic corpus
 * @param threads           clips generated in parallel (the output does not depend on it)
 * @param audioInVideo      also mux the voice into each MP4 as an AAC track, and have the manifest say
 *                          {@code from-video}; the WAV files are written either way
 * @param regime            which cues code the label ({@link Regime}; {@code mixed} is the demo corpus)
 */
public record SynthConfig(int subjects, int clipsPerClass, double clipSeconds, double fps, int width, int height,
                          int sampleRate, long seed, double ambiguousFraction, double noiseLevel, boolean overwrite,
                          int threads, boolean audioInVideo, Regime regime) {

    public SynthConfig {
        require(subjects >= 1 && subjects <= 10_000, "subjects must be 1 to 10000, got " + subjects);
        require(clipsPerClass >= 1 && clipsPerClass <= 10_000, "clipsPerClass must be 1 to 10000, got " + clipsPerClass);
        require(clipSeconds > 0 && clipSeconds <= 600, "clipSeconds must be in (0, 600], got " + clipSeconds);
        require(fps > 0 && fps <= 240, "fps must be in (0, 240], got " + fps);
        require(width >= 16 && height >= 16 && width <= 4096 && height <= 4096 && width % 2 == 0 && height % 2 == 0,
                "frame size must be even and 16 to 4096 pixels a side, got " + width + "x" + height);
        require(sampleRate >= 8000 && sampleRate <= 96000, "sampleRate must be in [8000, 96000] Hz, got " + sampleRate);
        require(ambiguousFraction >= 0 && ambiguousFraction <= 1, "ambiguousFraction must be in [0, 1], got " + ambiguousFraction);
        require(noiseLevel >= 0 && noiseLevel <= 3, "noiseLevel must be in [0, 3], got " + noiseLevel);
        require(threads >= 1 && threads <= 4096, "threads must be 1 to 4096, got " + threads);
    }

    public static SynthConfig defaults() {
        return new SynthConfig(8, 3, 3.6, 25, 96, 96, VoiceSynth.DEFAULT_SAMPLE_RATE, 2023L, 0.15, 1.0, false,
                Math.min(4, Tandem.numThreads()), false, Regime.MIXED);
    }

    /** Frames per clip. */
    public int framesPerClip() { return (int) Math.round(clipSeconds * fps); }

    public int clipCount() { return subjects * clipsPerClass * Emotion.values().length; }

    public SynthConfig withSubjects(int v) { return new SynthConfig(v, clipsPerClass, clipSeconds, fps, width, height, sampleRate, seed, ambiguousFraction, noiseLevel, overwrite, threads, audioInVideo, regime); }

    public SynthConfig withClipsPerClass(int v) { return new SynthConfig(subjects, v, clipSeconds, fps, width, height, sampleRate, seed, ambiguousFraction, noiseLevel, overwrite, threads, audioInVideo, regime); }

    public SynthConfig withClipSeconds(double v) { return new SynthConfig(subjects, clipsPerClass, v, fps, width, height, sampleRate, seed, ambiguousFraction, noiseLevel, overwrite, threads, audioInVideo, regime); }

    public SynthConfig withFps(double v) { return new SynthConfig(subjects, clipsPerClass, clipSeconds, v, width, height, sampleRate, seed, ambiguousFraction, noiseLevel, overwrite, threads, audioInVideo, regime); }

    public SynthConfig withFrameSize(int w, int h) { return new SynthConfig(subjects, clipsPerClass, clipSeconds, fps, w, h, sampleRate, seed, ambiguousFraction, noiseLevel, overwrite, threads, audioInVideo, regime); }

    public SynthConfig withSampleRate(int v) { return new SynthConfig(subjects, clipsPerClass, clipSeconds, fps, width, height, v, seed, ambiguousFraction, noiseLevel, overwrite, threads, audioInVideo, regime); }

    public SynthConfig withSeed(long v) { return new SynthConfig(subjects, clipsPerClass, clipSeconds, fps, width, height, sampleRate, v, ambiguousFraction, noiseLevel, overwrite, threads, audioInVideo, regime); }

    public SynthConfig withAmbiguousFraction(double v) { return new SynthConfig(subjects, clipsPerClass, clipSeconds, fps, width, height, sampleRate, seed, v, noiseLevel, overwrite, threads, audioInVideo, regime); }

    public SynthConfig withNoiseLevel(double v) { return new SynthConfig(subjects, clipsPerClass, clipSeconds, fps, width, height, sampleRate, seed, ambiguousFraction, v, overwrite, threads, audioInVideo, regime); }

    public SynthConfig withOverwrite(boolean v) { return new SynthConfig(subjects, clipsPerClass, clipSeconds, fps, width, height, sampleRate, seed, ambiguousFraction, noiseLevel, v, threads, audioInVideo, regime); }

    public SynthConfig withThreads(int v) { return new SynthConfig(subjects, clipsPerClass, clipSeconds, fps, width, height, sampleRate, seed, ambiguousFraction, noiseLevel, overwrite, v, audioInVideo, regime); }

    public SynthConfig withAudioInVideo(boolean v) { return new SynthConfig(subjects, clipsPerClass, clipSeconds, fps, width, height, sampleRate, seed, ambiguousFraction, noiseLevel, overwrite, threads, v, regime); }

    public SynthConfig withRegime(Regime v) { return new SynthConfig(subjects, clipsPerClass, clipSeconds, fps, width, height, sampleRate, seed, ambiguousFraction, noiseLevel, overwrite, threads, audioInVideo, v); }

    /** Fails unless every class of every subject shows each candidate of the regime's channels equally often. */
    public void requireBalanced() {
        require(clipsPerClass % regime.groupSize() == 0, "the " + regime.key() + " regime deals what each channel shows in"
                + " groups of " + regime.groupSize() + " classes, so clips per class (per subject) must be a multiple of "
                + regime.groupSize() + " for every class to show the same; got " + clipsPerClass);
    }

    private static void require(boolean ok, String problem) {
        if (!ok) throw new IllegalArgumentException("SynthConfig: " + problem);
    }
}
