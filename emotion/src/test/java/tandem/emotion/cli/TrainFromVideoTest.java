package tandem.emotion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.emotion.synth.CorpusGenerator;
import tandem.emotion.synth.SynthConfig;
import tandem.tensor.Tandem;

/** {@code train} on a manifest whose audio column says {@code from-video}: the sound comes from the MP4s. */
class TrainFromVideoTest {
    static final SynthConfig TINY = SynthConfig.defaults().withSubjects(1).withClipsPerClass(1).withClipSeconds(1.6)
            .withFrameSize(32, 32).withSeed(17);

    @Test void trainsOneEpochFromTheVideosOwnSound(@TempDir Path dir) throws IOException {
        Path corpus = dir.resolve("corpus");
        // Two clips per class, so each of the two folds trains on every class.
        CorpusGenerator.generate(corpus, TINY.withClipsPerClass(2).withAudioInVideo(true));
        List<String> rows = Files.readAllLines(corpus.resolve("manifest.csv"));
        assertEquals(9, rows.size());
        for (String row : rows.subList(1, rows.size())) assertEquals("from-video", row.split(",")[2], row);
        // Without the WAVs, the MP4s are the only source of sound.
        try (var wavs = Files.list(corpus.resolve("audio"))) {
            for (Path wav : wavs.toList()) Files.delete(wav);
        }

        Path out = dir.resolve("run");
        CliRun run = TrainBadInputTest.train(corpus.resolve("manifest.csv"), out);
        assertEquals(0, run.exitCode(), run.err());
        assertFalse(run.errLines().stream().anyMatch(l -> l.contains("error")), run.err());
        String record = Files.readString(out.resolve("run.json"));
        assertTrue(record.contains("preset=tiny") && !record.contains("\\u003d"), "the model spec as written, not HTML-escaped: " + record);
        assertTrue(record.contains("\"tandem\": \"" + Tandem.version() + "\""), "the build's version: " + record);
        assertTrue(Files.isRegularFile(out.resolve("report.md")), "report.md written");
    }

    @Test void fromVideoWithMuteVideosNamesTheFile(@TempDir Path dir) throws IOException {
        Path corpus = dir.resolve("mute");
        CorpusGenerator.generate(corpus, TINY);
        Path manifest = corpus.resolve("manifest.csv");
        List<String> rows = Files.readAllLines(manifest);
        StringBuilder edited = new StringBuilder(rows.get(0)).append('\n');
        for (String row : rows.subList(1, rows.size())) edited.append(row.replaceFirst(",audio/[^,]*\\.wav,", ",from-video,")).append('\n');
        Files.writeString(manifest, edited);
        String firstClip = rows.get(1).split(",")[0];

        TrainBadInputTest.failsNaming(TrainBadInputTest.train(manifest, dir.resolve("out")), firstClip + ".mp4", "no audio track");
    }
}
