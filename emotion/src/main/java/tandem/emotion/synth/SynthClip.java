package tandem.emotion.synth;

import tandem.emotion.data.Emotion;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A generated clip and the hidden variables behind it, for analysis and for checking that a model
 * learns what the corpus encodes.
 *
 * @param clipId         clip id as in the manifest
 * @param subjectId      subject id
 * @param label          annotated class
 * @param blendedWith    the class mixed in, for an ambiguous clip
 * @param blendWeight    how much of it (0 for clear clips)
 * @param faceShows      the class whose face the clip shows (the label in the {@code mixed} regime)
 * @param voiceShows     the class whose voice it has
 * @param avLagMs        how far the face leads the voice
 * @param meanPitchHz    mean fundamental frequency where the voice sounds
 * @param meanMouthOpen  mean mouth opening over the frames, 0..1
 * @param video          the MP4 file
 * @param audio          the WAV file
 */
public record SynthClip(String clipId, String subjectId, Emotion label, Optional<Emotion> blendedWith, double blendWeight,
                        Emotion faceShows, Emotion voiceShows, double avLagMs, double meanPitchHz, double meanMouthOpen, Path video, Path audio) {}
