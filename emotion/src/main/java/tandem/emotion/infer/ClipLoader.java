package tandem.emotion.infer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import tandem.emotion.features.ClipFeatures;
import tandem.emotion.features.FeatureExtractor;
import tandem.emotion.features.Sample;
import tandem.emotion.model.InputSpec;
import tandem.emotion.model.Modality;
import tandem.emotion.video.AudioFileReader;
import tandem.emotion.video.AudioTrackReader;
import tandem.emotion.video.FrameSource;
import tandem.emotion.video.MediaFileException;
import tandem.emotion.video.VideoReader;

/**
 * Finds what feeds one clip and turns it into model inputs, one per 30-frame sub-segment, exactly as training does
 * ({@link FeatureExtractor}). {@link #locate} opens the video first, so an unreadable video is named as such, then
 * picks the audio and says where it came from; {@link #load} reads both and notes what it had to do (turn the frames
 * upright, pad a short clip).
 *
 * <p>The audio of a clip, in this order: the file given ({@code --audio}, a manifest's {@code audio} column);
 * {@code <name>.<ext>} in the {@code --audio-dir} folder; a frames folder's own {@code audio.wav}; the video's own
 * sound track; {@code <name>.<ext>} next to the video; {@code <name>.<ext>} in {@code ../audio/} (the synthetic
 * corpus keeps {@code video/<clip>.mp4} beside {@code audio/<clip>.wav}). {@code <ext>} is any of
 * {@link #AUDIO_EXTENSIONS}. A video's own track comes before a file that merely shares its name.
 */
public final class ClipLoader {
    /** The extensions tried when looking for a clip's audio file by name, in this order. */
    public static final List<String> AUDIO_EXTENSIONS = List.of("wav", "flac", "mp3", "ogg", "opus", "m4a");
    /** The sound file a folder of frames may hold. */
    public static final String FRAMES_FOLDER_AUDIO = "audio.wav";

    private ClipLoader() {}

    /**
     * What feeds one clip.
     *
     * @param video       the video file or frames folder; null for sound alone (an audio-only model)
     * @param frames      its frame count (0 without a video)
     * @param fps         its frame rate (0 without a video)
     * @param rotation    the clockwise turn its display matrix asks for, applied to every frame
     * @param audio       the audio file, the video itself for its sound track, or null when no audio is read
     * @param audioSource where the audio came from, in words ("--audio", "the video's own sound track", ...)
     */
    public record Media(Path video, int frames, double fps, int rotation, Path audio, String audioSource) {
        /** "clip.mp4" or, for sound alone, "speech.flac": how messages name the clip. */
        public String name() { return (video != null ? video : audio).getFileName().toString(); }
    }

    /** A clip's sub-segments with what was done to get them (one sentence each). */
    public record Loaded(Media media, List<Sample> samples, List<String> notes) {
        public Loaded {
            samples = List.copyOf(samples);
            notes = List.copyOf(notes);
        }
    }

    /**
     * Opens {@code input} (a video file, a frames folder, or for an audio-only model a sound file; null when only
     * {@code explicitAudio} is given) and finds its audio for a model of {@code modality}. {@code explicitAudio} and
     * {@code audioDir} may be null; {@code explicitSource} says who named {@code explicitAudio} (e.g. "--audio").
     */
    public static Media locate(Path input, Path explicitAudio, String explicitSource, Path audioDir, Modality modality)
            throws IOException {
        if (input != null && !Files.exists(input)) throw new MediaFileException(input, "no such file");
        if (explicitAudio != null && !explicitAudio.equals(input)) requireFile(explicitAudio);
        if (input == null) {
            if (explicitAudio == null) throw new IllegalArgumentException("no clip given: name a video, or an audio file with --audio");
            if (modality.usesVideo()) {
                throw new IllegalArgumentException("audio " + explicitAudio + " alone: the model reads video (modality="
                        + modality.key() + "), so name the video too");
            }
            return new Media(null, 0, 0, 0, explicitAudio, explicitSource);
        }
        if (modality == Modality.AUDIO && !Files.isDirectory(input) && isSoundOnly(input)) {
            if (explicitAudio != null) {
                throw new IllegalArgumentException("clip " + input + " is itself a sound file; name it or --audio " + explicitAudio + ", not both");
            }
            return new Media(null, 0, 0, 0, input, "the file itself");
        }
        Media video;
        try (FrameSource source = FrameSource.open(input)) {
            int rotation = source instanceof VideoReader r ? r.info().rotation() : 0;
            video = new Media(input, source.frameCount(), source.fps(), rotation, null, null);
        }
        if (!modality.usesAudio()) return withAudio(video, null, "video-only model");
        if (explicitAudio != null) {
            return withAudio(video, explicitAudio, explicitAudio.equals(input) ? "the video's own sound track" : explicitSource);
        }
        List<String> looked = new ArrayList<>();
        String name = baseName(input);
        if (audioDir != null) {
            Path found = byName(audioDir, name, looked);
            if (found != null) return withAudio(video, found, "--audio-dir");
        }
        if (Files.isDirectory(input)) {
            Path own = input.resolve(FRAMES_FOLDER_AUDIO);
            looked.add(own.toString());
            if (Files.isRegularFile(own)) return withAudio(video, own, "the frames folder's " + FRAMES_FOLDER_AUDIO);
        } else if (AudioTrackReader.hasAudioTrack(input)) {
            return withAudio(video, input, "the video's own sound track");
        }
        Path folder = input.toAbsolutePath().getParent();
        Path found = byName(folder, name, looked);
        if (found != null) return withAudio(video, found, "found next to the video");
        if (folder.getParent() != null) {
            found = byName(folder.getParent().resolve("audio"), name, looked);
            if (found != null) return withAudio(video, found, "found in ../audio/");
        }
        throw new MediaFileException(input, "no audio found: " + (Files.isDirectory(input) ? "the folder" : "the video")
                + " has no audio track, and none of " + looked + " exists"
                + " (name the audio with --audio" + (audioDir == null ? " or --audio-dir" : "") + ", or use a video-only model)");
    }

    /**
     * The sub-segments of {@code [start, end)} of the clip (the whole clip when empty), reading what a model of
     * {@code modality} uses; a clip shorter than one sub-segment is padded to one (see
     * {@link FeatureExtractor#extractFile(Path, Path, OptionalDouble, OptionalDouble, Modality)}), with a note.
     */
    public static Loaded load(InputSpec input, Media media, OptionalDouble start, OptionalDouble end, Modality modality)
            throws IOException {
        ClipFeatures features = new FeatureExtractor(input).extractFile(media.video(), media.audio(), start, end, modality);
        List<String> notes = new ArrayList<>();
        if (media.rotation() != 0) {
            notes.add("video turned " + media.rotation() + " degrees clockwise, as its display matrix asks");
        }
        if (features.padded()) {
            notes.add(media.video() != null
                    ? String.format(Locale.ROOT, "%d frames, fewer than one %d-frame sub-segment: padded to one by repeating its"
                            + " last frame, with silence after its sound", features.spanFrames(), input.segmentFrames())
                    : String.format(Locale.ROOT, "%.2f s of sound, shorter than one %.2f s sub-segment: padded with silence",
                            features.spanSeconds(), input.segmentFrames() / features.fps()));
        }
        return new Loaded(media, features.samples(), notes);
    }

    /**
     * The audio that goes with {@code video} for an audio-visual model: {@code explicitAudio} if given, else as the
     * class describes. The result is {@code video} itself when its own sound track is the audio. The error lists
     * every place it looked.
     */
    public static Path audioFor(Path video, Path explicitAudio, Path audioDir) throws IOException {
        return locate(video, explicitAudio, "--audio", audioDir, Modality.BOTH).audio();
    }

    /** Every sub-segment of the clip as model input; the samples carry no label (-1). */
    public static List<Sample> load(InputSpec input, Path video, Path audio) throws IOException {
        requireFile(video);
        return new FeatureExtractor(input).extractFile(video, audio);
    }

    private static Media withAudio(Media video, Path audio, String source) {
        return new Media(video.video(), video.frames(), video.fps(), video.rotation(), audio, source);
    }

    /** A file FFmpeg (or the WAV reader) opens as sound with no picture. */
    private static boolean isSoundOnly(Path file) {
        if (AudioFileReader.isWav(file)) return true;
        try {
            VideoReader.info(file);
            return false;
        } catch (MediaFileException e) {
            return AudioTrackReader.hasAudioTrack(file);
        }
    }

    /** {@code <name>.<ext>} in {@code folder} for the first extension that exists; what was tried goes to {@code looked}. */
    private static Path byName(Path folder, String name, List<String> looked) {
        looked.add(folder.resolve(name) + ".{" + String.join(",", AUDIO_EXTENSIONS) + "}");
        for (String ext : AUDIO_EXTENSIONS) {
            Path p = folder.resolve(name + "." + ext);
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }

    private static void requireFile(Path file) throws IOException {
        if (!Files.exists(file)) throw new MediaFileException(file, "no such file");
    }

    static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
