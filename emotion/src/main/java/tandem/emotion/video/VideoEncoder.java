package tandem.emotion.video;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.global.avcodec;

/**
 * The encoder Tandem writes MP4 files with. H.264 when the bundled FFmpeg has an encoder for it
 * (the JavaCPP FFmpeg build ships Cisco's OpenH264, {@code libopenh264}; builds with {@code libx264}
 * use that), otherwise MPEG-4 Part 2, which every FFmpeg build can encode, in the same .mp4 container.
 */
public enum VideoEncoder {
    X264("libx264", avcodec.AV_CODEC_ID_H264),
    OPENH264("libopenh264", avcodec.AV_CODEC_ID_H264),
    MPEG4_PART2("mpeg4", avcodec.AV_CODEC_ID_MPEG4);

    private final String ffmpegName;
    private final int codecId;

    VideoEncoder(String ffmpegName, int codecId) {
        this.ffmpegName = ffmpegName;
        this.codecId = codecId;
    }

    /** The encoder's name in FFmpeg, as {@code avcodec_find_encoder_by_name} takes it. */
    public String ffmpegName() { return ffmpegName; }

    int codecId() { return codecId; }

    public boolean isH264() { return codecId == avcodec.AV_CODEC_ID_H264; }

    public boolean isAvailable() {
        AVCodec codec = avcodec.avcodec_find_encoder_by_name(ffmpegName);
        return codec != null && !codec.isNull();
    }

    /** The first available encoder in order of preference: x264, OpenH264, MPEG-4 Part 2. */
    public static VideoEncoder best() {
        for (VideoEncoder e : values()) {
            if (e.isAvailable()) return e;
        }
        throw new IllegalStateException("the bundled FFmpeg has none of the video encoders libx264, libopenh264, mpeg4");
    }
}
