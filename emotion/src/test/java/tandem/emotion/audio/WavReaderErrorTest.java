package tandem.emotion.audio;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavReaderErrorTest {

    @TempDir Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String p : parts) assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should mention '" + p + "'");
    }

    @Test
    void missingFileIsNamed() {
        Path file = dir.resolve("absent.wav");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> WavReader.read(file));
        assertMentions(e, "absent.wav", "does not exist");
    }

    @Test
    void textFileIsNotAWav() throws IOException {
        Path file = write("notes.wav", "hello, this is plain text".getBytes(StandardCharsets.US_ASCII));
        WavFormatException e = assertThrows(WavFormatException.class, () -> WavReader.read(file));
        assertMentions(e, "notes.wav", "not a WAV file", "hell");
        assertTrue(e.file().endsWith("notes.wav"));
    }

    @Test
    void tinyFileIsNotAWav() throws IOException {
        Path file = write("tiny.wav", new byte[] {'R', 'I', 'F'});
        assertMentions(assertThrows(WavFormatException.class, () -> WavReader.read(file)), "tiny.wav", "too short");
    }

    @Test
    void missingFmtChunkIsCorrupt() throws IOException {
        Path file = write("nofmt.wav", new RiffBytes().chunk("data", RiffBytes.pcm16((short) 1)).build());
        assertMentions(assertThrows(WavFormatException.class, () -> WavReader.read(file)), "nofmt.wav", "corrupt header");
    }

    @Test
    void inconsistentBlockAlignIsCorrupt() throws IOException {
        byte[] fmt = RiffBytes.fmt(1, 2, 16000, 16);
        fmt[12] = 3;  // block align 3 for stereo 16-bit
        Path file = write("align.wav", new RiffBytes().chunk("fmt ", fmt).chunk("data", RiffBytes.pcm16((short) 1, (short) 2)).build());
        assertMentions(assertThrows(WavFormatException.class, () -> WavReader.read(file)), "align.wav", "block align 3");
    }

    @Test
    void truncatedDataIsDetected() throws IOException {
        Path full = dir.resolve("full.wav");
        WavWriter.writePcm16(full, new float[1000], 16000);
        byte[] bytes = Files.readAllBytes(full);
        Path cut = write("cut.wav", Arrays.copyOf(bytes, bytes.length - 301));
        WavFormatException e = assertThrows(WavFormatException.class, () -> WavReader.read(cut));
        assertMentions(e, "cut.wav", "truncated", "2000 bytes", "1699");
    }

    @Test
    void truncatedFloatDataIsDetected() throws IOException {
        Path file = write("cutfloat.wav", new RiffBytes().chunk("fmt ", RiffBytes.fmt(3, 1, 16000, 32))
                .chunk("data", RiffBytes.float32(0.1f, 0.2f), 400).build());
        assertMentions(assertThrows(WavFormatException.class, () -> WavReader.read(file)), "cutfloat.wav", "truncated", "400 bytes");
    }

    @Test
    void unsupportedEncodingNamesItsFormatTag() throws IOException {
        Path file = write("mulaw.wav", new RiffBytes().chunk("fmt ", RiffBytes.fmt(7, 1, 8000, 8))
                .chunk("data", new byte[] {1, 2, 3, 4}).build());
        assertMentions(assertThrows(WavFormatException.class, () -> WavReader.read(file)), "mulaw.wav", "unsupported encoding", "0x0007");
    }

    @Test
    void unsupportedBitDepthIsNamed() throws IOException {
        Path file = write("twelve.wav", new RiffBytes().chunk("fmt ", RiffBytes.fmt(1, 1, 8000, 12))
                .chunk("data", RiffBytes.pcm16((short) 1, (short) 2)).build());
        assertMentions(assertThrows(WavFormatException.class, () -> WavReader.read(file)), "twelve.wav", "12-bit");
    }

    @Test
    void moreThanTwoChannelsIsRefused() throws IOException {
        Path file = dir.resolve("surround.wav");
        WavWriter.write(file, new float[3][10], 16000, WavSampleFormat.PCM_16);
        assertMentions(assertThrows(WavFormatException.class, () -> WavReader.read(file)), "surround.wav", "3 channels");
    }

    @Test
    void nanAndInfinityAreRefusedWithTheirPosition() throws IOException {
        Path nan = write("nan.wav", new RiffBytes().chunk("fmt ", RiffBytes.fmt(3, 1, 16000, 32))
                .chunk("data", RiffBytes.float32(0f, 0.5f, Float.NaN)).build());
        assertMentions(assertThrows(WavFormatException.class, () -> WavReader.read(nan)), "nan.wav", "sample 2", "NaN");
        Path inf = write("inf.wav", new RiffBytes().chunk("fmt ", RiffBytes.fmt(3, 1, 16000, 32))
                .chunk("data", RiffBytes.float32(Float.NEGATIVE_INFINITY)).build());
        assertMentions(assertThrows(WavFormatException.class, () -> WavReader.read(inf)), "inf.wav", "sample 0", "Infinity");
    }
}
