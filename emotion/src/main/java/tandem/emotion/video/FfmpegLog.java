package tandem.emotion.video;

import org.bytedeco.ffmpeg.global.avutil;

/**
 * FFmpeg prints its diagnostics straight to stderr (for example "moov atom not found" while probing
 * a truncated file). Tandem reports every such failure itself, naming the file, so keep FFmpeg
 * quiet except for fatal errors.
 */
public final class FfmpegLog {
    private static volatile boolean configured;

    private FfmpegLog() {}

    public static void fatalOnly() {
        if (!configured) {
            synchronized (FfmpegLog.class) {
                if (!configured) {
                    avutil.av_log_set_level(avutil.AV_LOG_FATAL);
                    configured = true;
                }
            }
        }
    }
}
