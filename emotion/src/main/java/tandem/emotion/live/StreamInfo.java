package tandem.emotion.live;

/**
 * What a stream carries, as probed when it opens.
 *
 * @param fps        the video's nominal frame rate
 * @param sampleRate the audio's rate in Hz, 0 without an audio track
 */
public record StreamInfo(String name, int width, int height, double fps, int sampleRate) {
    public boolean hasAudio() { return sampleRate > 0; }
}
