package tandem.emotion.video;

import org.bytedeco.ffmpeg.global.avutil;

/**
 * FFmpeg prints warnings straight to stderr (for example while probing a corrupt file, which our
 * own error then reports properly). Keep only its errors.
 */
final class FfmpegLog {
    private static volatile boolean configured;

    private FfmpegLog() {}

    static void errorsOnly() {
        if (!configured) {
            synchronized (FfmpegLog.class) {
                if (!configured) {
                    avutil.av_log_set_level(avutil.AV_LOG_ERROR);
                    configured = true;
                }
            }
        }
    }
}
