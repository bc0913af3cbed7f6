package tandem.emotion.data;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One annotated clip of a {@link Manifest}.
 *
 * @param clip    unique clip id
 * @param video   the video file or image-sequence folder (resolved, not relative)
 * @param audio   the audio file, or empty when the audio is to be taken from the video
 * @param label   the annotated class, by name ({@link LabelSet#normalise normalised}: lower case, no surrounding blanks)
 * @param subject who is speaking; folds that keep subjects apart group by this
 * @param start   segment start in seconds within the media, if only part of it is annotated
 * @param end     segment end in seconds (exclusive), if only part of it is annotated
 */
public record ManifestEntry(String clip, Path video, Optional<Path> audio, String label, String subject,
                            OptionalDouble start, OptionalDouble end) {

    public ManifestEntry {
        Objects.requireNonNull(video, "video");
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (clip == null || clip.isBlank()) throw new IllegalArgumentException("ManifestEntry: clip id is blank");
        try {
            label = LabelSet.normalise(label);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ManifestEntry " + clip + ": " + e.getMessage(), e);
        }
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("ManifestEntry " + clip + ": subject is blank");
        }
        if (start.isPresent() && !(start.getAsDouble() >= 0)) {
            throw new IllegalArgumentException("ManifestEntry " + clip + ": start " + start.getAsDouble() + " s is negative");
        }
        if (end.isPresent() && !(end.getAsDouble() > start.orElse(0))) {
            throw new IllegalArgumentException("ManifestEntry " + clip + ": end " + end.getAsDouble()
                    + " s is not after start " + start.orElse(0) + " s");
        }
    }

    /** A clip of the synthetic corpus, whose classes are the four {@link Emotion}s. */
    public ManifestEntry(String clip, Path video, Optional<Path> audio, Emotion label, String subject, OptionalDouble start,
                         OptionalDouble end) {
        this(clip, video, audio, label.label(), subject, start, end);
    }

    /** A whole-file clip with a separate audio file. */
    public static ManifestEntry of(String clip, Path video, Path audio, String label, String subject) {
        return new ManifestEntry(clip, video, Optional.of(audio), label, subject, OptionalDouble.empty(), OptionalDouble.empty());
    }

    /** Whether the audio track is to be read from the video file. */
    public boolean audioFromVideo() { return audio.isEmpty(); }
}
