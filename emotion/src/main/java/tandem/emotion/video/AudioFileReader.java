package tandem.emotion.video;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tandem.emotion.audio.AudioClip;
import tandem.emotion.audio.WavReader;

/**
 * The sound of any file, as mono samples at the file's own rate: a WAV (recognised by its RIFF/WAVE header, whatever
 * its name) through {@link WavReader}, which reads it exactly and names what is wrong with a broken one; anything else
 * the bundled FFmpeg decodes (FLAC, MP3, Ogg Vorbis and Opus, AAC/M4A, or the sound track of a video container)
 * through {@link AudioTrackReader}.
 */
public final class AudioFileReader {
    private AudioFileReader() {}

    public static AudioClip read(Path file) throws IOException {
        return isWav(file) ? WavReader.read(file) : AudioTrackReader.read(file);
    }

    /** Whether {@code file} starts like a WAV file ("RIFF" or "RF64", then "WAVE"); false for folders and short files. */
    public static boolean isWav(Path file) {
        if (!Files.isRegularFile(file)) return false;
        byte[] head = new byte[12];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 12) < 12) return false;
        } catch (IOException e) {
            return false;
        }
        String riff = new String(head, 0, 4, StandardCharsets.US_ASCII), wave = new String(head, 8, 4, StandardCharsets.US_ASCII);
        return (riff.equals("RIFF") || riff.equals("RF64")) && wave.equals("WAVE");
    }
}
