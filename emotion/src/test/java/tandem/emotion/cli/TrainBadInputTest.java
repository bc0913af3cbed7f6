package tandem.emotion.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.emotion.audio.WavWriter;
import tandem.emotion.synth.CorpusGenerator;
import tandem.emotion.synth.SynthConfig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input to {@code train}: one error line that names the file and the problem, exit code 2, and nothing already
 * written is touched.
 */
class TrainBadInputTest {
    @TempDir
    static Path dir;
    static Path corpus;

    @BeforeAll
    static void corpus() throws IOException {
        corpus = dir.resolve("corpus");
        CorpusGenerator.generate(corpus, SynthConfig.defaults().withSubjects(1).withClipsPerClass(1).withClipSeconds(1.6)
                .withFrameSize(32, 32).withSeed(5));
    }

    static CliRun train(Path manifest, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--data", manifest.toString(), "--folds", "2", "--repeats", "1",
                "--epochs", "1", "--out", out.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** Exit code 2 and exactly one error line, which mentions every one of {@code parts}. */
    static void failsNaming(CliRun run, String... parts) {
        assertEquals(2, run.exitCode(), run.err());
        List<String> errors = run.errLines().stream().filter(l -> l.startsWith("tandem train: error:")).toList();
        assertEquals(1, errors.size(), run.err());
        for (String p : parts) assertTrue(errors.get(0).contains(p), "'" + p + "' not in: " + errors.get(0));
    }

    /** A copy of the corpus whose manifest lines pass through {@code edit}. */
    static Path variant(String name, UnaryOperator<String> edit) throws IOException {
        Path v = dir.resolve(name);
        Files.createDirectories(v);
        for (String sub : new String[] {"video", "audio"}) {
            Files.createDirectories(v.resolve(sub));
            try (Stream<Path> files = Files.list(corpus.resolve(sub))) {
                for (Path f : files.toList()) Files.copy(f, v.resolve(sub).resolve(f.getFileName()));
            }
        }
        List<String> lines = Files.readAllLines(corpus.resolve("manifest.csv"));
        StringBuilder sb = new StringBuilder(lines.get(0)).append('\n');
        for (String l : lines.subList(1, lines.size())) sb.append(edit.apply(l)).append('\n');
        Files.writeString(v.resolve("manifest.csv"), sb.toString());
        return v;
    }

    static String firstClipId() throws IOException {
        return Files.readAllLines(corpus.resolve("manifest.csv")).get(1).split(",")[0];
    }

    @Test void missingManifest() {
        failsNaming(train(dir.resolve("nowhere.csv"), dir.resolve("out-a")), "nowhere.csv");
        assertFalse(Files.exists(dir.resolve("out-a")), "nothing is written for bad input");
    }

    @Test void aClassWithoutClipsAndMissingColumn() throws IOException {
        Path v = variant("label", l -> l.replace(",joy,", ",elated,"));
        failsNaming(train(v.resolve("manifest.csv"), dir.resolve("out-b"), "--classes", "anger,joy,neutral,sad"), "manifest.csv",
                "class 'joy' has no clips", "elated");
        assertFalse(Files.exists(dir.resolve("out-b")), "nothing is written for bad input");
        Path c = dir.resolve("nocolumn");
        Files.createDirectories(c);
        Files.writeString(c.resolve("manifest.csv"), "clip,video,audio,subject\nx,v.mp4,a.wav,s1\n");
        failsNaming(train(c.resolve("manifest.csv"), dir.resolve("out-c")), "manifest.csv", "label");
    }

    @Test void truncatedWavAndCorruptMp4() throws IOException {
        String clip = firstClipId();
        Path t = variant("truncated", l -> l);
        Path wav = t.resolve("audio").resolve(clip + ".wav");
        byte[] bytes = Files.readAllBytes(wav);
        Files.write(wav, Arrays.copyOf(bytes, bytes.length / 2));
        failsNaming(train(t.resolve("manifest.csv"), dir.resolve("out-d")), clip + ".wav", "truncated");

        Path m = variant("corrupt", l -> l);
        Path mp4 = m.resolve("video").resolve(clip + ".mp4");
        Files.write(mp4, "this is not a video at all".repeat(40).getBytes(StandardCharsets.US_ASCII));
        failsNaming(train(m.resolve("manifest.csv"), dir.resolve("out-e")), clip + ".mp4");
    }

    @Test void clipShorterThanThirtyFramesAndNaNInTheAudio() throws IOException {
        String clip = firstClipId();
        // 0.8 s at 25 fps is 20 frames
        Path s = variant("short", l -> l.startsWith(clip + ",") ? l.replaceAll(",[^,]*,[^,]*$", ",0,0.8") : l);
        failsNaming(train(s.resolve("manifest.csv"), dir.resolve("out-f")), clip, "fewer than", "30 frames");

        Path n = variant("nan", l -> l);
        WavWriter.writeFloat32(n.resolve("audio").resolve(clip + ".wav"), new float[16000], 16000);   // valid first
        Path wav = n.resolve("audio").resolve(clip + ".wav");
        byte[] b = Files.readAllBytes(wav);
        int at = b.length - 4 * (16000 - 123);                                                    // sample 123, little-endian
        int nan = Float.floatToRawIntBits(Float.NaN);
        for (int i = 0; i < 4; i++) b[at + i] = (byte) (nan >>> (8 * i));
        Files.write(wav, b);
        failsNaming(train(n.resolve("manifest.csv"), dir.resolve("out-g")), clip + ".wav", "NaN");
    }

    @Test void tooLittleDataForTheFoldsIsAClearError() {
        // one 1.6 s clip per class: one 30-frame sub-segment each, too few to fill two folds
        Path out = dir.resolve("out-h");
        failsNaming(train(corpus.resolve("manifest.csv"), out), "of 2 would have no", "cannot fill 2 folds");
        assertFalse(Files.exists(out), "nothing is written when the data cannot fill the folds");
    }

    @Test void anExistingRunIsNeverDamaged() throws IOException {
        Path out = dir.resolve("previous-run");
        Files.createDirectories(out);
        Files.writeString(out.resolve("run.json"), "{\"config\": {\"model\": \"something else\"}}");
        Files.writeString(out.resolve("report.md"), "# an earlier report\n");
        Map<String, byte[]> before = snapshot(out);

        failsNaming(train(corpus.resolve("manifest.csv"), out), out.toString(), "already holds a run", "--resume");
        failsNaming(train(corpus.resolve("manifest.csv"), out, "--resume"), "different experiment");
        Path bad = variant("label2", l -> l.replace(",sad,", ",gloomy,"));
        // the folder is checked before the data is read, so bad data aimed at it never gets near it
        failsNaming(train(bad.resolve("manifest.csv"), out, "--resume"), "different experiment");

        Map<String, byte[]> after = snapshot(out);
        assertEquals(before.keySet(), after.keySet());
        for (String k : before.keySet()) assertArrayEquals(before.get(k), after.get(k), k);
    }

    static Map<String, byte[]> snapshot(Path folder) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) m.put(folder.relativize(f).toString(), Files.readAllBytes(f));
        }
        return m;
    }
}
