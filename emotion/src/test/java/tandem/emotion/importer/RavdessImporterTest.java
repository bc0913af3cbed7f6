package tandem.emotion.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.emotion.data.ManifestEntry;

/** RAVDESS names, pairing of audio-visual, video-only and audio-only files, speech vs song, and what is skipped. */
class RavdessImporterTest {
    @TempDir static Path root;
    static TinyMedia media;

    @BeforeAll
    static void media() throws IOException { media = TinyMedia.write(root.resolve("media"), 1, 0.4); }

    static Path mp4(Path dir, String name) throws IOException { return TinyMedia.copy(media.mp4(), dir.resolve(name + ".mp4")); }

    static Path wav(Path dir, String name) throws IOException { return TinyMedia.copy(media.wav(), dir.resolve(name + ".wav")); }

    static ManifestEntry clip(ImportReport r, String id) {
        return r.clips().stream().filter(c -> c.clip().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no clip " + id + " in " + r.clips()));
    }

    static String reasonFor(ImportReport r, Path file) {
        return r.skipped().stream().filter(s -> s.file().equals(file)).map(ImportReport.Skipped::reason).findFirst()
                .orElseThrow(() -> new AssertionError(file + " was not skipped: " + r.skipped()));
    }

    @Test
    void theFilesOfOneRecordingBecomeOneClip() throws IOException {
        Path dir = root.resolve("pairing");
        Path video = dir.resolve("Video_Speech_Actor_03/Actor_03"), audio = dir.resolve("Audio_Speech_Actors_01-24/Actor_03");
        // recording a: all three files; b: video-only + audio-only; c: audio-visual alone; d: video-only alone; e: audio-only alone
        Path aAv = mp4(video, "01-01-05-02-01-01-03"), aVo = mp4(video, "02-01-05-02-01-01-03"), aAo = wav(audio, "03-01-05-02-01-01-03");
        Path bVo = mp4(video, "02-01-03-01-02-02-03"), bAo = wav(audio, "03-01-03-01-02-02-03");
        Path cAv = mp4(video, "01-01-01-01-01-01-03");
        Path dVo = mp4(video, "02-01-08-01-01-01-03");
        Path eAo = wav(audio, "03-01-02-01-01-01-03");
        ImportReport r = new RavdessImporter(RavdessImporter.Channel.SPEECH).scan(dir);

        assertEquals(List.of("01-01-01-01-01-03", "01-03-01-02-02-03", "01-05-02-01-01-03"), r.clips().stream().map(ManifestEntry::clip).toList());
        ManifestEntry a = clip(r, "01-05-02-01-01-03");
        assertEquals(aAv, a.video(), "the audio-visual file is the video");
        assertEquals(Optional.of(aAo), a.audio(), "the audio-only WAV is the audio");
        assertEquals("angry", a.label());
        assertEquals("actor-03", a.subject());
        ManifestEntry b = clip(r, "01-03-01-02-02-03");
        assertEquals(bVo, b.video());
        assertEquals(Optional.of(bAo), b.audio());
        assertEquals("happy", b.label());
        ManifestEntry c = clip(r, "01-01-01-01-01-03");
        assertEquals(cAv, c.video());
        assertTrue(c.audioFromVideo(), "without a WAV the audio-visual file's own track is the audio");
        assertEquals("neutral", c.label());

        assertTrue(reasonFor(r, aVo).contains("copy of an audio-visual (01) file"), reasonFor(r, aVo));
        assertTrue(reasonFor(r, dVo).startsWith("video-only (02) without audio"), reasonFor(r, dVo));
        assertTrue(reasonFor(r, eAo).startsWith("audio-only (03) without a video"), reasonFor(r, eAo));
        assertEquals(3, r.skipped().size(), r.skipped().toString());
        assertEquals(Map.of("angry", 1, "happy", 1, "neutral", 1), r.clipsPerLabel());
        assertEquals(Map.of("actor-03", 3), r.clipsPerSubject());
    }

    @Test
    void speechOrSongOrBoth() throws IOException {
        Path dir = root.resolve("channels");
        mp4(dir, "01-01-04-01-01-01-07");
        Path song = mp4(dir, "01-02-04-01-01-01-07");
        ImportReport speech = new RavdessImporter(RavdessImporter.Channel.SPEECH).scan(dir);
        assertEquals(List.of("01-04-01-01-01-07"), speech.clips().stream().map(ManifestEntry::clip).toList());
        assertEquals("song (vocal channel 02); import with --channel song or both", reasonFor(speech, song));
        ImportReport songs = new RavdessImporter(RavdessImporter.Channel.SONG).scan(dir);
        assertEquals(List.of("02-04-01-01-01-07"), songs.clips().stream().map(ManifestEntry::clip).toList());
        assertEquals("sad", songs.clips().get(0).label());
        assertEquals(2, new RavdessImporter(RavdessImporter.Channel.BOTH).scan(dir).clips().size());
    }

    @Test
    void badNamesCodesAndFilesAreSkippedWithTheReason() throws IOException {
        Path dir = root.resolve("bad");
        Path emotion9 = mp4(dir, "01-01-09-01-01-01-01");
        Path readme = Files.writeString(dir.resolve("README.txt"), "RAVDESS");
        Path actor25 = mp4(dir, "01-01-03-01-01-01-25");
        Path strongNeutral = mp4(dir, "01-01-01-02-01-01-01");
        Path songDisgust = mp4(dir, "01-02-07-01-01-01-01");
        Path wavAsMp4 = TinyMedia.copy(media.wav(), dir.resolve("01-01-03-01-01-01-02.mp4"));
        Path audioAsMp4 = mp4(dir, "03-01-03-01-01-01-02");
        Path empty = Files.write(Files.createDirectories(dir.resolve("Actor_04")).resolve("01-01-03-01-01-01-04.mp4"), new byte[0]);
        Path good = mp4(dir.resolve("Actor_05"), "01-01-03-01-01-01-05");
        Path again = mp4(dir.resolve("copy/Actor_05"), "01-01-03-01-01-01-05");
        ImportReport r = new RavdessImporter(RavdessImporter.Channel.SPEECH).scan(dir);

        assertEquals(List.of(good), r.clips().stream().map(ManifestEntry::video).toList());
        assertTrue(reasonFor(r, readme).startsWith("not a RAVDESS name"), reasonFor(r, readme));
        assertEquals("emotion code 09 is not 01 to 08", reasonFor(r, emotion9));
        assertEquals("actor code 25 is not 01 to 24", reasonFor(r, actor25));
        assertEquals("RAVDESS has no strong intensity (02) for neutral (01)", reasonFor(r, strongNeutral));
        assertEquals("RAVDESS songs have no disgust (emotion 07)", reasonFor(r, songDisgust));
        assertTrue(reasonFor(r, wavAsMp4).startsWith("not a MP4 file"), reasonFor(r, wavAsMp4));
        assertEquals("modality 03 files are .wav, not .mp4", reasonFor(r, audioAsMp4));
        assertEquals("empty file", reasonFor(r, empty));
        assertTrue(reasonFor(r, again).startsWith("another file has the same name: "), reasonFor(r, again));
        assertEquals(9, r.skipped().size(), r.skipped().toString());
        String summary = r.summary();
        assertTrue(summary.startsWith("ravdess: 1 clip(s) in " + dir + ": 1 label(s), 1 subject(s)"), summary);
        assertTrue(summary.contains("clips per label:   happy 1") && summary.contains("clips per subject: actor-05 1"), summary);
        assertTrue(summary.contains("skipped 9 file(s):") && summary.contains("1 x empty file: Actor_04/01-01-03-01-01-01-04.mp4"), summary);
    }
}
