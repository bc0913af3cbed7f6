package tandem.emotion.synth;

import java.util.List;

import tandem.emotion.data.Manifest;

/**
 * What {@link CorpusGenerator#generate} wrote: the manifest, and per clip the hidden variables.
 *
 * @param manifest the written {@code manifest.csv}
 * @param clips    one entry per clip, in manifest order
 */
public record SynthCorpus(Manifest manifest, List<SynthClip> clips) {
    public SynthCorpus {
        clips = List.copyOf(clips);
    }
}
