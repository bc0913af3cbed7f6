package tandem.emotion.infer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tandem.emotion.features.FeatureExtractor;
import tandem.emotion.features.Sample;
import tandem.emotion.model.InputSpec;
import tandem.emotion.video.AudioTrackReader;

/**
 * Finds a video's audio and turns the pair into model inputs, one per 30-frame sub-segment, exactly as training
 * does ({@link FeatureExtractor}).
 */
public final class ClipLoader {
    private ClipLoader() {}

    /**
     * The WAV that goes with {@code video}: {@code explicitAudio} if given; otherwise {@code <name>.wav} in
     * {@code audioDir} (if given), next to the video, or in {@code ../audio/} (the synthetic corpus keeps
     * {@code video/<clip>.mp4} beside {@code audio/<clip>.wav}). Failing those, a video with a sound track is its
     * own audio: the result is then {@code video} itself, which {@link #load} reads the track from. The error lists
     * every place it looked.
     */
    public static Path audioFor(Path video, Path explicitAudio, Path audioDir) throws IOException {
        requireVideo(video);
        if (explicitAudio != null) {
            if (!Files.isRegularFile(explicitAudio)) throw new IOException("audio " + explicitAudio + ": no such file");
            return explicitAudio;
        }
        String wav = baseName(video) + ".wav";
        List<Path> candidates = new ArrayList<>();
        if (audioDir != null) candidates.add(audioDir.resolve(wav));
        Path folder = video.toAbsolutePath().getParent();
        candidates.add(folder.resolve(wav));
        if (folder.getParent() != null) candidates.add(folder.getParent().resolve("audio").resolve(wav));
        for (Path c : candidates) if (Files.isRegularFile(c)) return c;
        if (AudioTrackReader.hasAudioTrack(video)) return video;
        throw new IOException("clip " + video + ": no audio found; looked for " + candidates.stream().map(Path::toString).toList()
                + " and the video has no audio track (name the WAV with --audio" + (audioDir == null ? " or --audio-dir" : "") + ")");
    }

    /** Every sub-segment of the clip as model input; the samples carry no label (-1). */
    public static List<Sample> load(InputSpec input, Path video, Path audio) throws IOException {
        requireVideo(video);
        return new FeatureExtractor(input).extractFile(video, audio);
    }

    private static void requireVideo(Path video) throws IOException {
        if (!Files.exists(video)) throw new IOException("clip " + video + ": no such file");
    }

    static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
