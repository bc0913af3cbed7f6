package tandem.emotion.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


class ManifestTest {
    private static final String HEADER = "clip,video,audio,label,subject,start,end\n";

    @TempDir Path dir;
    private Path csv;

    @BeforeEach
    void media() throws IOException {
        Files.createDirectories(dir.resolve("video"));
        Files.createDirectories(dir.resolve("audio"));
        Files.writeString(dir.resolve("video/a.mp4"), "x");
        Files.writeString(dir.resolve("video/b, take 2.mp4"), "x");
        Files.writeString(dir.resolve("audio/a.wav"), "x");
        csv = dir.resolve("manifest.csv");
    }

    private ManifestException readBroken(String text) throws IOException {
        Files.writeString(csv, text);
        return assertThrows(ManifestException.class, () -> Manifest.read(csv));
    }

    private static void assertMessage(ManifestException e, int line, String... parts) {
        assertTrue(e.getMessage().contains("manifest.csv"), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        if (line > 0) assertTrue(e.getMessage().contains("line " + line), e.getMessage());
        for (String p : parts) assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
    }

    @Test
    void roundTripsEntries() throws IOException {
        List<ManifestEntry> entries = List.of(
                ManifestEntry.of("a", dir.resolve("video/a.mp4"), dir.resolve("audio/a.wav"), "joy", "s01"),
                new ManifestEntry("b", dir.resolve("video/b, take 2.mp4"), Optional.empty(), Emotion.SAD, "kid \"7\"",
                        OptionalDouble.of(1.25), OptionalDouble.of(3.5)));
        Manifest.write(csv, entries);
        String text = Files.readString(csv);
        assertTrue(text.startsWith(HEADER), text);
        assertTrue(text.contains("video/a.mp4,audio/a.wav,joy,s01,,"), text);
        assertTrue(text.contains("\"video/b, take 2.mp4\",from-video,sad,\"kid \"\"7\"\"\",1.25,3.5"), text);
        Manifest back = Manifest.read(csv);
        assertEquals(entries, back.entries());
        assertTrue(back.entries().get(1).audioFromVideo());
    }

    @Test
    void acceptsAnyColumnOrderCommentsAndNoSegmentColumns() throws IOException {
        Files.writeString(csv, "# children's corpus\nlabel,subject,clip,audio,video,notes\n\nAnger,s2,x,audio/a.wav,video/a.mp4,loud\n");
        ManifestEntry e = Manifest.read(csv).entries().get(0);
        assertEquals("anger", e.label(), "labels are compared lower-case");
        assertEquals("s2", e.subject());
        assertEquals(dir.resolve("video/a.mp4"), e.video());
        assertTrue(e.start().isEmpty() && e.end().isEmpty());
    }

    @Test
    void missingColumn() throws IOException {
        assertMessage(readBroken("clip,video,audio,subject\na,video/a.mp4,from-video,s1\n"), 1, "missing column 'label'");
    }

    @Test
    void labelsAreOpenAndAManifestKnowsItsOwn() throws IOException {
        Files.writeString(csv, HEADER + "a,video/a.mp4,from-video,Calm,s1,,\nb,video/a.mp4,from-video,angry,s2,,\nc,video/a.mp4,from-video,calm,s2,,\n");
        Manifest m = Manifest.read(csv);
        assertEquals(LabelSet.of("angry", "calm"), m.labels(), "every label found, sorted");
        assertEquals(Map.of("angry", 1, "calm", 2), m.clipsPerLabel());
        assertMessage(readBroken(HEADER + "a,video/a.mp4,from-video,\"calm, very\",s1,,\n"), 2, "label 'calm, very' holds a comma");
    }

    @Test
    void selectKeepsTheChosenClassesAndCountsWhatItDrops() throws IOException {
        Files.writeString(csv, HEADER + "a,video/a.mp4,from-video,calm,s1,,\nb,video/a.mp4,from-video,angry,s2,,\n"
                + "c,video/a.mp4,from-video,sad,s2,,\nd,video/a.mp4,from-video,sad,s1,,\n");
        Manifest.Selection s = Manifest.read(csv).select(LabelSet.parse("sad,calm"));
        assertEquals(List.of("a", "c", "d"), s.manifest().entries().stream().map(ManifestEntry::clip).toList(), "manifest order kept");
        assertEquals(Map.of("angry", 1), s.dropped());
        assertEquals(1, s.droppedClips());
        ManifestException e = assertThrows(ManifestException.class, () -> Manifest.read(csv).select(LabelSet.parse("sad,happy")));
        assertMessage(e, 0, "class 'happy' has no clips", "angry, calm, sad");
    }

    @Test
    void missingMediaFile() throws IOException {
        assertMessage(readBroken(HEADER + "a,video/missing.mp4,from-video,joy,s1,,\n"), 2, "video file not found", "video/missing.mp4");
        assertMessage(readBroken(HEADER + "a,video/a.mp4,audio/missing.wav,joy,s1,,\n"), 2, "audio file not found");
    }

    @Test
    void badNumber() throws IOException {
        assertMessage(readBroken(HEADER + "a,video/a.mp4,from-video,joy,s1,1.5s,\n"), 2, "'start' is not a number", "1.5s");
        assertMessage(readBroken(HEADER + "a,video/a.mp4,from-video,joy,s1,,NaN\n"), 2, "'end' is not a number");
    }

    @Test
    void endNotAfterStart() throws IOException {
        assertMessage(readBroken(HEADER + "a,video/a.mp4,from-video,joy,s1,2.0,2.0\n"), 2, "end 2.0 s is not after start 2.0 s");
        assertMessage(readBroken(HEADER + "a,video/a.mp4,from-video,joy,s1,-1,2\n"), 2, "negative");
    }

    @Test
    void wrongFieldCountDuplicateClipAndEmptyValue() throws IOException {
        assertMessage(readBroken(HEADER + "a,video/a.mp4,from-video,joy\n"), 2, "4 fields but the header has 7");
        assertMessage(readBroken(HEADER + "a,video/a.mp4,from-video,joy,s1,,\na,video/a.mp4,from-video,sad,s1,,\n"), 3,
                "clip 'a' is already defined on line 2");
        assertMessage(readBroken(HEADER + "a,video/a.mp4,from-video,joy,,,\n"), 2, "empty 'subject'");
        assertMessage(readBroken(HEADER + "a,\"video/a.mp4,from-video,joy,s1,,\n"), 2, "unterminated quote");
    }

    @Test
    void missingOrEmptyManifest() throws IOException {
        ManifestException e = assertThrows(ManifestException.class, () -> Manifest.read(csv));
        assertMessage(e, 0, "manifest not found");
        assertMessage(readBroken(""), 1, "missing header");
        assertMessage(readBroken(HEADER), 0, "no clips");
    }
}
