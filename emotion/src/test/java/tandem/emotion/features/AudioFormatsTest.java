package tandem.emotion.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tandem.emotion.audio.AudioClip;
import tandem.emotion.audio.Resampler;
import tandem.emotion.audio.WavReader;
import tandem.emotion.audio.WavWriter;
import tandem.emotion.infer.ClipLoader;
import tandem.emotion.synth.CorpusGenerator;
import tandem.emotion.synth.SynthClip;
import tandem.emotion.synth.SynthConfig;
import tandem.emotion.synth.SynthCorpus;
import tandem.emotion.video.AudioFileReader;
import tandem.emotion.video.MediaFileException;
import tandem.emotion.video.TestMedia;

/**
 * A clip's voice encoded by the bundled FFmpeg as FLAC, MP3, Ogg Vorbis, Ogg Opus and AAC in M4A gives the features of
 * the WAV it came from, within the MFCC tolerance that AAC inside an MP4 already meets ({@link FromVideoAudioTest});
 * the video features do not change at all.
 *
 * <p>The voice is encoded at 48 kHz, as such files usually are, and compared with a 48 kHz WAV of it. At the corpus'
 * 16 kHz the lossy encoders cut the band just below its 8 kHz top (LAME's low-pass, FFmpeg's own Vorbis encoder),
 * which the log-mel scale magnifies: measured mean |MFCC difference| 15 for MP3 and 32 for Vorbis there, against 9
 * between two different clips, while the decoded waveforms still correlate above 0.98 at zero lag. That is the
 * codecs' doing, not the reading.
 */
class AudioFormatsTest {
    @TempDir
    static Path dir;
    static SynthClip clip;
    /** The clip's voice at 48 kHz, and a WAV of it: the reference every encoding is compared with. */
    static AudioClip voice;
    static Path wav;

    @BeforeAll
    static void corpus() throws IOException {
        SynthCorpus corpus = CorpusGenerator.generate(dir.resolve("corpus"), SynthConfig.defaults().withSubjects(1).withClipsPerClass(1)
                .withClipSeconds(1.6).withFrameSize(32, 32).withSeed(19));
        clip = corpus.clips().get(1);
        AudioClip original = WavReader.read(clip.audio());
        voice = new AudioClip(Resampler.resample(original.samples(), original.sampleRate(), 48_000), 48_000);
        wav = dir.resolve("voice-48k.wav");
        WavWriter.writeFloat32(wav, voice.samples(), voice.sampleRate());
    }

    @ParameterizedTest
    @EnumSource(TestMedia.Sound.class)
    void anEncodedVoiceGivesTheWavsFeatures(TestMedia.Sound format) throws IOException {
        Path encoded = TestMedia.writeSound(dir.resolve(clip.clipId() + "." + format.extension), voice, format);
        assertFalse(AudioFileReader.isWav(encoded));
        AudioClip decoded = AudioFileReader.read(encoded);
        assertEquals(voice.durationSeconds(), decoded.durationSeconds(), 0.04, format + ": duration within one 25 fps frame");

        List<Sample> fromWav = ClipLoader.load(FeatureExtractorTest.INPUT, clip.video(), wav);
        List<Sample> fromEncoded = ClipLoader.load(FeatureExtractorTest.INPUT, clip.video(), encoded);
        assertEquals(fromWav.size(), fromEncoded.size());
        assertTrue(fromWav.size() >= 1);
        for (int s = 0; s < fromWav.size(); s++) {
            assertArrayEquals(fromWav.get(s).video(), fromEncoded.get(s).video(), 0f, "the video does not depend on the audio's format");
            FromVideoAudioTest.assertClose(fromWav.get(s).audio(), fromEncoded.get(s).audio(), format + " sub-segment " + s);
            System.out.printf(java.util.Locale.ROOT, "[audio formats] %s (%s): mean |MFCC - WAV's| = %.3f on sub-segment %d%n", format,
                    format.encoder, FromVideoAudioTest.meanAbsDifference(fromWav.get(s).audio(), fromEncoded.get(s).audio()), s);
        }
    }

    @Test void aWavIsReadExactlyWhateverItsName() throws IOException {
        Path renamed = Files.copy(wav, dir.resolve("voice.bin"));
        assertTrue(AudioFileReader.isWav(renamed));
        assertArrayEquals(voice.samples(), AudioFileReader.read(renamed).samples(), 0f);
    }

    @Test void aFileThatHoldsNoSoundIsNamed() throws IOException {
        byte[] noise = new byte[4096];
        new Random(3).nextBytes(noise);
        Path bogus = Files.write(dir.resolve("bogus.flac"), noise);
        MediaFileException e = assertThrows(MediaFileException.class, () -> AudioFileReader.read(bogus));
        assertTrue(e.getMessage().startsWith(bogus.toString())
                && (e.getMessage().contains("cannot open") || e.getMessage().contains("no audio track")), e.getMessage());
    }
}
