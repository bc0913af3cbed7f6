package tandem.emotion.model.fusion;

import tandem.emotion.model.Settings;
import tandem.nn.Module;

/**
 * What the two windowed readings of eqs. 1-6 share: both modalities query each other, each direction with its own
 * w_q, w_k, w_v and output projection (children {@code video_to_audio} and {@code audio_to_video}), under the same
 * {@link WindowOptions}. {@link WindowedCrossAttention} makes every time step a token and attends inside each
 * window; {@link WindowTokenAttention} makes every window a token and attends across windows.
 */
abstract class TwoWayAttention extends Module implements FusionBlock, Settings {
    final int videoChannels, audioChannels;
    final WindowOptions options;
    final CrossAttentionDirection videoToAudio, audioToVideo;

    TwoWayAttention(String block, int videoChannels, int audioChannels, WindowOptions options) {
        if (videoChannels < 1 || audioChannels < 1) {
            throw new IllegalArgumentException(block + ": channel counts must be positive, got video " + videoChannels + ", audio " + audioChannels);
        }
        this.videoChannels = videoChannels;
        this.audioChannels = audioChannels;
        this.options = options;
        videoToAudio = child("video_to_audio", new CrossAttentionDirection(videoChannels, audioChannels, options.dim()));
        audioToVideo = child("audio_to_video", new CrossAttentionDirection(audioChannels, videoChannels, options.dim()));
    }

    public WindowOptions options() { return options; }

    /** The options, the default window count written as what it resolves to. */
    String describeOptions() {
        return "windows=" + (options.windows() == 0 ? "min(" + WindowOptions.DEFAULT_WINDOWS + ", Tv, L)" : options.windows()) + " dim="
                + options.dim() + " gate=" + options.gate().key() + " residual=" + options.residual();
    }
}
