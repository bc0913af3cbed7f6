package tandem.emotion.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tandem.emotion.data.Emotion;
import tandem.emotion.rundir.OutputFolder;
import tandem.emotion.rundir.RunLock;
import tandem.emotion.synth.CorpusGenerator;
import tandem.emotion.synth.Regime;
import tandem.emotion.synth.SynthConfig;
import tandem.emotion.synth.SynthCorpus;
import tandem.emotion.train.ProgressBars;

/** Writes a synthetic audio-visual corpus: MP4 + WAV per clip and a manifest. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Generate a synthetic audio-visual emotion corpus (procedural faces, speech-like voices) with a manifest.")
public final class SynthCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "output folder (created; an existing foreign folder is refused)")
    Path out;

    @Option(names = "--subjects", defaultValue = "8", description = "number of subjects (default: ${DEFAULT-VALUE})")
    int subjects;

    @Option(names = "--clips-per-subject",
            description = "clips per subject, a multiple of the 4 classes (default: 12 for the mixed regime; 16 for the others,"
                    + " which need a multiple of 16 so every class shows every dealt cue equally often)")
    Integer clipsPerSubject;

    @Option(names = "--regime", defaultValue = "mixed", paramLabel = "R",
            description = "which cues code the class: mixed (face, voice and timing; the demo corpus), null (none),"
                    + " appearance (face only), voice (voice only), lag (only audio-video timing), complementary"
                    + " (some pairs by face only, others by voice only); see docs/study.md (default: ${DEFAULT-VALUE})")
    String regime;

    @Option(names = "--seconds", defaultValue = "3.6", description = "length of each clip in seconds (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--size", defaultValue = "96", description = "frame width and height in pixels (default: ${DEFAULT-VALUE})")
    int size;

    @Mixin
    SeedOption seed;

    @Option(names = "--overwrite", description = "replace a corpus already in --out")
    boolean overwrite;

    @Option(names = "--audio-in-video", description = "also mux each voice into its MP4 (AAC) and write 'from-video' in the manifest")
    boolean audioInVideo;

    @Override
    public Integer call() throws Exception {
        int classes = Emotion.values().length;
        Regime r = Regime.parse(regime);
        int clipsPerSubject = this.clipsPerSubject != null ? this.clipsPerSubject : r == Regime.MIXED ? 12 : 16;
        if (clipsPerSubject < classes || clipsPerSubject % classes != 0) {
            throw new IllegalArgumentException("--clips-per-subject " + clipsPerSubject + " must be a positive multiple of the "
                    + classes + " classes, so that classes are balanced");
        }
        SynthConfig cfg = SynthConfig.defaults().withSubjects(subjects).withClipsPerClass(clipsPerSubject / classes)
                .withClipSeconds(seconds).withFrameSize(size, size).withSeed(seed.seed).withOverwrite(overwrite)
                .withAudioInVideo(audioInVideo).withRegime(r);
        cfg.requireBalanced();
        OutputFolder.requireUsable(out);
        SynthCorpus corpus;
        try (RunLock lock = Runs.lock(out, "synth")) {
            corpus = generate(out, cfg);
        }
        System.out.printf("wrote %d clips (%d subjects, regime %s) to %s; manifest: %s%n", corpus.clips().size(), subjects,
                r.key(), out, corpus.manifest().file());
        System.out.println("regime " + r.key() + ": " + r.cues());
        return 0;
    }

    static SynthCorpus generate(Path out, SynthConfig cfg) throws java.io.IOException {
        try (ProgressBar bar = ProgressBars.create("synth", cfg.clipCount())) {
            return CorpusGenerator.generate(out, cfg, done -> bar.stepTo(done));
        }
    }
}
