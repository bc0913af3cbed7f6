package tandem.emotion.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.emotion.audio.AudioClip;
import tandem.emotion.audio.WavReader;
import tandem.emotion.audio.WavWriter;
import tandem.emotion.features.Sample;
import tandem.emotion.infer.ClipLoader;
import tandem.emotion.infer.TestCheckpoints;
import tandem.emotion.model.InputSpec;
import tandem.emotion.model.Modality;
import tandem.emotion.model.ModelSpec;
import tandem.emotion.synth.CorpusGenerator;
import tandem.emotion.synth.SynthClip;
import tandem.emotion.synth.SynthCorpus;
import tandem.emotion.video.TestMedia;
import tandem.emotion.video.VideoReader;

/**
 * {@code predict} on media made for each case: a phone's rotated MP4, audio in other formats and places, unreadable
 * videos in the middle of a batch, a clip shorter than one sub-segment, and models that read one modality only.
 */
class PredictMediaTest {
    static final InputSpec TINY = ModelSpec.parse(TestCheckpoints.PROPOSED).preset().input();

    @TempDir static Path root;
    static SynthCorpus corpus;
    static SynthClip joy;
    static AudioClip voice;
    static List<BufferedImage> frames;
    static Path proposed, videoOnly, audioOnly;

    @BeforeAll
    static void setUp() throws IOException {
        corpus = CorpusGenerator.generate(root.resolve("corpus"), ExplainCommandTest.CORPUS);
        joy = corpus.clips().stream().filter(c -> c.clipId().contains("joy")).findFirst().orElseThrow();
        voice = WavReader.read(joy.audio());
        try (VideoReader r = VideoReader.open(joy.video())) {
            frames = r.readAll();
        }
        proposed = TestCheckpoints.save(TestCheckpoints.model(TestCheckpoints.PROPOSED, 31), root.resolve("proposed.safetensors"));
        videoOnly = TestCheckpoints.save(TestCheckpoints.model("preset=tiny,modality=video", 32), root.resolve("video-only.safetensors"));
        audioOnly = TestCheckpoints.save(TestCheckpoints.model("preset=tiny,modality=audio", 33), root.resolve("audio-only.safetensors"));
    }

    @Test void aPhoneVideoIsClassifiedUpright() throws IOException {
        Path dir = Files.createDirectories(root.resolve("phone"));
        List<BufferedImage> portrait = new ArrayList<>(), sensor = new ArrayList<>();
        for (BufferedImage f : frames) {
            BufferedImage p = TestMedia.cropped(f, 48, 64);
            portrait.add(p);
            sensor.add(TestMedia.turned(p, 270));            // a phone stores portrait video lying on its side...
        }
        TestMedia.writeVideo(dir.resolve("upright.mp4"), portrait, 25, 0);
        TestMedia.writeVideo(dir.resolve("phone.mp4"), sensor, 25, -90);     // ...and says "turn it 90 degrees clockwise"
        TestMedia.writeVideo(dir.resolve("ignored.mp4"), sensor, 25, 0);     // what a reader ignoring the matrix would see
        TestMedia.writeSound(dir.resolve("joy.mp3"), voice, TestMedia.Sound.MP3);
        Files.writeString(dir.resolve("manifest.csv"), "clip,video,audio,label,subject\n"
                + "upright,upright.mp4,joy.mp3,joy,s1\nphone,phone.mp4,joy.mp3,joy,s1\nignored,ignored.mp4,joy.mp3,joy,s1\n");

        CliRun r = CliRun.of("predict", "--json", "--checkpoint", proposed.toString(), "--manifest", dir.resolve("manifest.csv").toString());
        assertEquals(0, r.exitCode(), r.err());
        List<JsonObject> rows = r.outLines().stream().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
        assertEquals(3, rows.size(), r.out());
        JsonObject upright = rows.get(0), phone = rows.get(1);
        assertEquals("phone", phone.get("clip").getAsString());
        assertEquals(90, phone.get("rotation").getAsInt());
        assertTrue(phone.get("notes").toString().contains("turned 90 degrees clockwise"), phone.toString());
        assertFalse(upright.has("rotation"));
        assertTrue(phone.get("audio").getAsString().endsWith("joy.mp3"), phone.toString());
        assertEquals("the manifest's audio column", phone.get("audio_source").getAsString());
        assertEquals("joy", phone.get("label").getAsString());
        double[] pUpright = probabilities(upright), pPhone = probabilities(phone);
        for (int c = 0; c < pUpright.length; c++) assertEquals(pUpright[c], pPhone[c], 0.01, "class " + c + " upright vs phone");

        CliRun explain = CliRun.of("explain", "--checkpoint", proposed.toString(), "--clip", dir.resolve("phone.mp4").toString(), "--audio",
                dir.resolve("joy.mp3").toString(), "--out", dir.resolve("explained").toString());
        assertEquals(0, explain.exitCode(), explain.err());
        assertTrue(explain.out().contains("audio: joy.mp3 (--audio)"), explain.out());
        assertTrue(explain.out().contains("note: phone.mp4: video turned 90 degrees clockwise, as its display matrix asks"), explain.out());

        // The turn is what makes them agree: the frames as stored are far from the upright ones.
        float[] up = videoFeatures(dir.resolve("upright.mp4")), turned = videoFeatures(dir.resolve("phone.mp4")),
                stored = videoFeatures(dir.resolve("ignored.mp4"));
        double turnedGap = meanAbsDifference(up, turned), storedGap = meanAbsDifference(up, stored);
        assertTrue(turnedGap < storedGap / 5, "upright vs turned " + turnedGap + ", vs as stored " + storedGap);
        double largest = 0;
        for (int c = 0; c < pUpright.length; c++) largest = Math.max(largest, Math.abs(pUpright[c] - pPhone[c]));
        System.out.printf(java.util.Locale.ROOT, "[rotation] mean |video feature difference| from upright: turned %.4f, as stored %.4f;"
                + " largest |probability difference| upright vs phone %.5f%n", turnedGap, storedGap, largest);
    }

    @Test void unreadableVideosAreNamedAndTheBatchClassifiesTheRest() throws IOException {
        Path bad = Files.createDirectories(root.resolve("bad"));
        byte[] noise = new byte[20_000];
        new Random(1).nextBytes(noise);
        Path random = Files.write(bad.resolve("random.mp4"), noise);
        Path empty = Files.write(bad.resolve("empty.mp4"), new byte[0]);
        Path noMoov = TestMedia.withoutMoov(joy.video(), bad.resolve("no-moov.mp4"));
        List<Path> good = corpus.clips().stream().map(SynthClip::video).sorted().limit(3).toList();

        CliRun r = CliRun.of("predict", "--checkpoint", proposed.toString(), good.get(0).toString(), random.toString(), good.get(1).toString(),
                empty.toString(), noMoov.toString(), good.get(2).toString());
        assertEquals(2, r.exitCode(), r.out() + r.err());
        List<String> out = r.outLines();
        assertEquals(4, out.size(), "a header and the three readable clips: " + r.out());
        for (int i = 0; i < 3; i++) assertTrue(out.get(1 + i).startsWith(good.get(i).getFileName().toString()), out.get(1 + i));
        List<String> err = r.errLines();
        assertEquals(4, err.size(), "one line per failure and a summary: " + err);
        for (int i = 0; i < 3; i++) {
            String line = err.get(i), name = List.of(random, empty, noMoov).get(i).getFileName().toString();
            assertTrue(line.startsWith("tandem predict: error: ") && line.contains(name) && line.contains("video"), line);
            assertFalse(line.contains("audio"), "an unreadable video is not blamed on its audio: " + line);
            assertFalse(line.contains("setFormat") || line.contains("FFmpegLogCallback"), "FFmpeg's reason, not JavaCV's hints: " + line);
        }
        assertTrue(err.get(0).endsWith("random.mp4: FFmpeg cannot open it as a video (corrupt, truncated, or not a video file):"
                + " Invalid data found when processing input"), err.get(0));
        assertTrue(err.get(1).endsWith("empty.mp4: file is empty, so it holds no video"), err.get(1));
        assertEquals("tandem predict: 3 of 6 clip(s) classified, 3 failed", err.get(3));
    }

    @Test void aClipShorterThanOneSubSegmentIsPaddedByTheRule() throws IOException {
        // 15 frames with the clip's whole voice in the folder's audio.wav...
        Path shortClip = TestMedia.writeFrames(root.resolve("short"), frames.subList(0, 15));
        WavWriter.writeFloat32(shortClip.resolve("audio.wav"), voice.samples(), voice.sampleRate());
        // ...reads exactly as 30 frames (the 15 and their last one 15 more times) with silence after 15 frames' time.
        List<BufferedImage> repeated = new ArrayList<>(frames.subList(0, 15));
        while (repeated.size() < 30) repeated.add(frames.get(14));
        Path byHand = TestMedia.writeFrames(root.resolve("padded-by-hand"), repeated);
        float[] silenced = Arrays.copyOf(voice.samples(), (int) (1.2 * voice.sampleRate()));
        Arrays.fill(silenced, (int) (0.6 * voice.sampleRate()), silenced.length, 0f);
        WavWriter.writeFloat32(byHand.resolve("audio.wav"), silenced, voice.sampleRate());

        ClipLoader.Media media = ClipLoader.locate(shortClip, null, null, null, Modality.BOTH);
        assertEquals(shortClip.resolve("audio.wav"), media.audio());
        assertEquals("the frames folder's audio.wav", media.audioSource());
        ClipLoader.Loaded padded = ClipLoader.load(TINY, media, OptionalDouble.empty(), OptionalDouble.empty(), Modality.BOTH);
        List<Sample> reference = ClipLoader.load(TINY, byHand, byHand.resolve("audio.wav"));
        assertEquals(1, padded.samples().size());
        assertEquals(1, reference.size());
        assertArrayEquals(reference.get(0).video(), padded.samples().get(0).video(), 0f, "the last frame repeated");
        assertArrayEquals(reference.get(0).audio(), padded.samples().get(0).audio(), 1e-4f, "silence after the clip");
        assertEquals(List.of("15 frames, fewer than one 30-frame sub-segment: padded to one by repeating its last frame, with silence"
                + " after its sound"), padded.notes());

        // A 15-frame MP4 with its voice as FLAC through --audio: one row, and the note on standard error.
        Path mp4 = TestMedia.writeVideo(root.resolve("short.mp4"), frames.subList(0, 15), 25, 0);
        Path flac = TestMedia.writeSound(root.resolve("short.flac"), voice, TestMedia.Sound.FLAC);
        CliRun r = CliRun.of("predict", "--checkpoint", proposed.toString(), "--audio", flac.toString(), mp4.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(2, r.outLines().size(), r.out());
        String[] cells = r.outLines().get(1).trim().split("\\s+");
        assertEquals("short.mp4", cells[0]);
        assertEquals("1", cells[1], "one padded sub-segment");
        assertTrue(r.outLines().get(1).endsWith("short.flac (--audio)"), r.outLines().get(1));
        assertEquals(List.of("tandem predict: note: short.mp4: 15 frames, fewer than one 30-frame sub-segment: padded to one by repeating"
                + " its last frame, with silence after its sound"), r.errLines());
    }

    @Test void singleModalityModelsTakeClipsWithoutTheOtherModality() throws IOException {
        Path mute = Files.copy(joy.video(), Files.createDirectories(root.resolve("mute")).resolve("mute.mp4"));
        CliRun video = CliRun.of("predict", "--checkpoint", videoOnly.toString(), mute.toString());
        assertEquals(0, video.exitCode(), video.err());
        assertTrue(video.outLines().get(1).endsWith("- (video-only model)"), video.out());
        CliRun both = CliRun.of("predict", "--checkpoint", proposed.toString(), mute.toString());
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("mute.mp4: no audio found") && both.err().contains("video-only model"), both.err());

        Path ogg = TestMedia.writeSound(root.resolve("voice.ogg"), voice, TestMedia.Sound.OGG_VORBIS);
        CliRun audio = CliRun.of("predict", "--checkpoint", audioOnly.toString(), "--audio", ogg.toString());
        assertEquals(0, audio.exitCode(), audio.err());
        String[] cells = audio.outLines().get(1).trim().split("\\s+");
        assertEquals("-", cells[0], "no video");
        assertEquals("2", cells[1], "2.5 s of sound: two 1.2 s sub-segments");
        Path brief = TestMedia.writeSound(root.resolve("brief.opus"),
                new AudioClip(Arrays.copyOf(voice.samples(), voice.sampleRate() / 2), voice.sampleRate()), TestMedia.Sound.OGG_OPUS);
        CliRun shortSound = CliRun.of("predict", "--checkpoint", audioOnly.toString(), brief.toString());
        assertEquals(0, shortSound.exitCode(), shortSound.err());
        assertTrue(shortSound.err().contains("note: brief.opus: 0.5") && shortSound.err().contains(
                " s of sound, shorter than one 1.20 s sub-segment: padded with silence"), shortSound.err());
    }

    private static double[] probabilities(JsonObject row) {
        return row.getAsJsonObject("probabilities").entrySet().stream().mapToDouble(e -> e.getValue().getAsDouble()).toArray();
    }

    private static float[] videoFeatures(Path video) throws IOException {
        ClipLoader.Media m = ClipLoader.locate(video, null, null, null, Modality.VIDEO);
        return ClipLoader.load(TINY, m, OptionalDouble.empty(), OptionalDouble.empty(), Modality.VIDEO).samples().get(0).video();
    }

    private static double meanAbsDifference(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
        return sum / a.length;
    }
}
