package tandem.emotion.synth;

import tandem.emotion.data.Emotion;
import tandem.nn.io.AtomicFiles;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import tandem.emotion.audio.AudioClip;
import tandem.emotion.data.Manifest;
import tandem.emotion.data.ManifestEntry;
import tandem.emotion.rundir.OutputFolder;
import tandem.emotion.video.VideoEncoder;
import tandem.emotion.video.VideoWriter;

/**
 * Writes the synthetic audio-visual corpus: per clip an MP4 of a procedurally drawn face
 * ({@code video/<clip>.mp4}) and a 16-bit mono WAV of a speech-like voice ({@code audio/<clip>.wav}),
 * then {@code manifest.csv} and {@code synth-clips.csv} (the hidden variables per clip).
 *
 * <p>Video is H.264 when the bundled FFmpeg can encode it (the JavaCPP build ships OpenH264) and
 * MPEG-4 Part 2 in the same .mp4 container otherwise; see {@link VideoEncoder#best()}. By default the sound is
 * kept in the WAV only, so the manifest names it explicitly; with {@link SynthConfig#audioInVideo()} each MP4 also
 * carries the voice as an AAC track and the manifest says {@code from-video} (the WAVs are still written, as the
 * lossless reference).
 *
 * <p>The output is a pure function of the {@link SynthConfig} (thread count aside): every clip draws
 * from its own seed and encoding is single-threaded. Each file is written atomically. A folder that
 * is not empty and was not written by this generator is left alone unless
 * {@link SynthConfig#overwrite()} is set.
 */
public final class CorpusGenerator {
    public static final String MANIFEST_FILE = "manifest.csv";
    public static final String DETAILS_FILE = "synth-clips.csv";
    /** Marks a folder as written by this generator, so regenerating into it needs no flag. */
    public static final String MARKER_FILE = ".tandem-synth";

    private CorpusGenerator() {}

    public static SynthCorpus generate(Path outDir, SynthConfig cfg) throws IOException {
        return generate(outDir, cfg, done -> { });
    }

    /** As {@link #generate(Path, SynthConfig)}, reporting the number of clips finished after each one. */
    public static SynthCorpus generate(Path outDir, SynthConfig cfg, IntConsumer clipsDone) throws IOException {
        cfg.requireBalanced();
        claimFolder(outDir, cfg);
        VideoEncoder encoder = VideoEncoder.best();
        AtomicFiles.writeVia(outDir.resolve(MARKER_FILE), temp -> Files.writeString(temp,
                "Tandem synthetic audio-visual corpus\nseed=" + cfg.seed() + "\nregime=" + cfg.regime().key()
                        + "\nvideo-encoder=" + encoder.ffmpegName() + "\n",
                StandardCharsets.UTF_8));
        List<ClipPlan> plans = plan(cfg);
        List<SynthClip> clips = render(outDir, cfg, encoder, plans, clipsDone);
        List<ManifestEntry> entries = new ArrayList<>();
        for (SynthClip c : clips) {
            entries.add(new ManifestEntry(c.clipId(), c.video(), cfg.audioInVideo() ? Optional.empty() : Optional.of(c.audio()),
                    c.label(), c.subjectId(), OptionalDouble.empty(), OptionalDouble.empty()));
        }
        writeDetails(outDir.resolve(DETAILS_FILE), clips);
        Manifest manifest = Manifest.write(outDir.resolve(MANIFEST_FILE), entries);
        return new SynthCorpus(manifest, clips);
    }

    /** Every clip's random choices, in manifest order: subject, then class, then clip. */
    static List<ClipPlan> plan(SynthConfig cfg) {
        List<ClipPlan> plans = new ArrayList<>();
        for (int s = 0; s < cfg.subjects(); s++) {
            Subject subject = Subject.generate(s, cfg.seed());
            for (Emotion e : Emotion.values()) {
                for (int k = 0; k < cfg.clipsPerClass(); k++) plans.add(ClipPlan.draw(cfg, s, subject, e, k));
            }
        }
        return plans;
    }

    private static void claimFolder(Path outDir, SynthConfig cfg) throws IOException {
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new IOException(outDir + ": exists and is not a folder; cannot write the corpus there");
        }
        if (Files.isDirectory(outDir) && !Files.exists(outDir.resolve(MARKER_FILE)) && !cfg.overwrite() && !OutputFolder.isEmpty(outDir)) {
            throw new IOException(outDir + ": folder is not empty and holds no Tandem synthetic corpus ("
                    + MARKER_FILE + " missing); refusing to write into it without the overwrite flag");
        }
        Files.createDirectories(outDir.resolve("video"));
        Files.createDirectories(outDir.resolve("audio"));
    }

    private static List<SynthClip> render(Path outDir, SynthConfig cfg, VideoEncoder encoder, List<ClipPlan> plans,
                                          IntConsumer clipsDone) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(cfg.threads(), plans.size()), r -> {
            Thread t = new Thread(r, "tandem-synth");
            t.setDaemon(true);
            return t;
        });
        try {
            AtomicInteger done = new AtomicInteger();
            List<Future<SynthClip>> futures = new ArrayList<>();
            for (ClipPlan p : plans) {
                futures.add(pool.submit(() -> {
                    SynthClip clip = renderClip(outDir, cfg, encoder, p);
                    clipsDone.accept(done.incrementAndGet());
                    return clip;
                }));
            }
            List<SynthClip> clips = new ArrayList<>();
            for (Future<SynthClip> f : futures) clips.add(f.get());
            return clips;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) throw io;
            if (cause instanceof RuntimeException re) throw re;
            throw new IOException("synthetic corpus generation failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("synthetic corpus generation interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static SynthClip renderClip(Path outDir, SynthConfig cfg, VideoEncoder encoder, ClipPlan plan) throws IOException {
        Path video = outDir.resolve("video").resolve(plan.clipId() + ".mp4");
        Path audio = outDir.resolve("audio").resolve(plan.clipId() + ".wav");
        VoiceTrack voice = new VoiceSynth(cfg.sampleRate())
                .synthesize(plan.subject(), plan.style(), cfg.clipSeconds(), plan.voiceSeed(), cfg.noiseLevel(),
                        cfg.regime() == Regime.MIXED ? 0 : Regime.LEAD_SECONDS);
        WavFiles.writeMono16(audio, voice.samples(), voice.sampleRate());

        FaceRenderer renderer = new FaceRenderer(plan.subject(), cfg.width(), cfg.height(), plan.background(), plan.shirt());
        FaceAnimator animator = new FaceAnimator(plan, voice, cfg.clipSeconds(), new SynthRandom(plan.faceSeed()));
        SynthRandom pixelNoise = new SynthRandom(SynthRandom.derive(plan.faceSeed(), 7));
        double mouthSum = 0;
        int frames = cfg.framesPerClip();
        AudioClip sound = cfg.audioInVideo() ? new AudioClip(voice.samples(), voice.sampleRate()) : null;
        try (VideoWriter out = VideoWriter.create(video, cfg.width(), cfg.height(), cfg.fps(), encoder, sound)) {
            for (int k = 0; k < frames; k++) {
                FaceState state = animator.at(k / cfg.fps());
                mouthSum += state.mouthOpen();
                BufferedImage frame = renderer.render(state);
                plan.effects().apply(frame, pixelNoise);
                out.write(frame);
            }
            out.finish();
        }
        return new SynthClip(plan.clipId(), plan.subject().id(), plan.label(), plan.blendedWith(), plan.blendWeight(),
                plan.faceShows(), plan.voiceShows(), plan.avLagMs(), voice.meanVoicedPitchHz(), mouthSum / frames, video, audio);
    }

    private static void writeDetails(Path file, List<SynthClip> clips) throws IOException {
        StringBuilder out = new StringBuilder("clip,label,subject,blended_with,blend_weight,face_shows,voice_shows,av_lag_ms,mean_pitch_hz,mean_mouth_open\n");
        for (SynthClip c : clips) {
            out.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%.3f,%s,%s,%.1f,%.1f,%.4f\n", c.clipId(), c.label().label(),
                    c.subjectId(), c.blendedWith().map(Emotion::label).orElse(""), c.blendWeight(), c.faceShows().label(),
                    c.voiceShows().label(), c.avLagMs(),
                    c.meanPitchHz(), c.meanMouthOpen()));
        }
        AtomicFiles.writeVia(file, temp -> Files.writeString(temp, out, StandardCharsets.UTF_8));
    }
}
