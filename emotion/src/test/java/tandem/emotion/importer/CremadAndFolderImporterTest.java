package tandem.emotion.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

/** CREMA-D's ActorID_Sentence_Emotion_Level names across video and audio folders, and one-folder-per-label trees. */
class CremadAndFolderImporterTest {
    @TempDir static Path root;
    static TinyMedia media;

    @BeforeAll
    static void media() throws IOException { media = TinyMedia.write(root.resolve("media"), 2, 0.4); }

    static String reasonFor(ImportReport r, Path file) { return RavdessImporterTest.reasonFor(r, file); }

    @Test
    void cremadPairsVideoAndWavByName() throws IOException {
        Path dir = root.resolve("crema");
        Path v1 = TinyMedia.copy(media.mp4(), dir.resolve("VideoMP4/1001_DFA_ANG_XX.mp4"));
        Path a1 = TinyMedia.copy(media.wav(), dir.resolve("AudioWAV/1001_DFA_ANG_XX.wav"));
        Path v2 = TinyMedia.copy(media.mp4(), dir.resolve("VideoMP4/1091_IEO_HAP_HI.mp4"));
        Path lonelyWav = TinyMedia.copy(media.wav(), dir.resolve("AudioWAV/1002_TIE_SAD_LO.wav"));
        Path badActor = TinyMedia.copy(media.mp4(), dir.resolve("VideoMP4/0999_DFA_ANG_XX.mp4"));
        Path badSentence = TinyMedia.copy(media.mp4(), dir.resolve("VideoMP4/1001_XYZ_ANG_XX.mp4"));
        Path badEmotion = TinyMedia.copy(media.mp4(), dir.resolve("VideoMP4/1001_DFA_JOY_XX.mp4"));
        Path badLevel = TinyMedia.copy(media.mp4(), dir.resolve("VideoMP4/1001_DFA_ANG_ZZ.mp4"));
        Path fakeFlv = TinyMedia.copy(media.mp4(), dir.resolve("VideoFlash/1003_DFA_NEU_XX.flv"));
        Path twice = TinyMedia.copy(media.mp4(), dir.resolve("VideoMP4/more/1001_DFA_ANG_XX.mp4"));
        Path notes = Files.writeString(dir.resolve("summaryTable.csv"), "x");
        ImportReport r = new CremadImporter().scan(dir);

        assertEquals(List.of("1001_DFA_ANG_XX", "1091_IEO_HAP_HI"), r.clips().stream().map(ManifestEntry::clip).toList());
        ManifestEntry a = r.clips().get(0), b = r.clips().get(1);
        assertEquals(v1, a.video());
        assertEquals(Optional.of(a1), a.audio());
        assertEquals("angry", a.label());
        assertEquals("actor-1001", a.subject());
        assertEquals(v2, b.video());
        assertTrue(b.audioFromVideo(), "a video without a WAV keeps its own sound track");
        assertEquals("happy", b.label());
        assertEquals("WAV without a video of the same name", reasonFor(r, lonelyWav));
        assertEquals("actor 0999 is not 1001 to 1091", reasonFor(r, badActor));
        assertEquals("sentence code XYZ is not one of CREMA-D's twelve", reasonFor(r, badSentence));
        assertEquals("emotion code JOY is not ANG, DIS, FEA, HAP, NEU or SAD", reasonFor(r, badEmotion));
        assertEquals("level code ZZ is not LO, MD, HI or XX", reasonFor(r, badLevel));
        assertTrue(reasonFor(r, fakeFlv).startsWith("not a FLV file"), reasonFor(r, fakeFlv));
        assertEquals("another video of the same clip: VideoMP4/1001_DFA_ANG_XX.mp4", reasonFor(r, twice));
        assertTrue(reasonFor(r, notes).startsWith("neither a video"), reasonFor(r, notes));
    }

    @Test
    void foldersTakeTheLabelFromTheFirstFolderAndTheSubjectFromTheRegex() throws IOException {
        Path dir = root.resolve("folders");
        Path joy = TinyMedia.copy(media.mp4(), dir.resolve("Joy/kid01/take1.mp4"));
        Path joyWav = TinyMedia.copy(media.wav(), dir.resolve("Joy/kid01/take1.wav"));
        Path sad = TinyMedia.copy(media.mp4(), dir.resolve("sad/kid02/take1.mp4"));
        Path flat = TinyMedia.copy(media.mp4(), dir.resolve("sad/loose.mp4"));
        Path top = TinyMedia.copy(media.mp4(), dir.resolve("top.mp4"));
        ImportReport r = new FolderImporter(FolderImporter.DEFAULT_SUBJECT).scan(dir);

        assertEquals(List.of("Joy/kid01/take1", "sad/kid02/take1"), r.clips().stream().map(ManifestEntry::clip).toList());
        assertEquals(joy, r.clips().get(0).video());
        assertEquals(Optional.of(joyWav), r.clips().get(0).audio());
        assertEquals("joy", r.clips().get(0).label(), "labels are lower-cased");
        assertEquals("kid01", r.clips().get(0).subject());
        assertEquals(sad, r.clips().get(1).video());
        assertTrue(r.clips().get(1).audioFromVideo());
        assertTrue(reasonFor(r, flat).startsWith("no subject: the path does not match --subject"), reasonFor(r, flat));
        assertEquals("not inside a label folder", reasonFor(r, top));

        ImportReport byName = new FolderImporter("/(kid\\d+|loose)").scan(dir);
        assertEquals(Map.of("kid01", 1, "kid02", 1, "loose", 1), byName.clipsPerSubject());
        assertEquals(Map.of("joy", 1, "sad", 2), byName.clipsPerLabel());
        var e = assertThrows(IllegalArgumentException.class, () -> new FolderImporter("(unclosed"));
        assertTrue(e.getMessage().startsWith("--subject '(unclosed' is not a regular expression"), e.getMessage());
    }
}
