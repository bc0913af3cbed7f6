package tandem.emotion.live;

import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import tandem.emotion.video.AudioTrackReader;
import tandem.emotion.video.DisplayRotation;
import tandem.emotion.video.FfmpegLog;
import tandem.emotion.video.VideoReader;

/**
 * Decodes a stream frame by frame as it arrives, through JavaCV's FFmpeg: video as RGB images, sound mixed down to
 * mono float samples, each stamped with its time on the stream's clock. The pixels and samples are converted exactly
 * as {@link VideoReader} and {@link AudioTrackReader} convert a file's, so a window of a stream and the same span of
 * a file give the same features.
 *
 * <p>The clock starts at the container's start time when that is positive (a network stream joined part-way) and at
 * 0 otherwise (a file: its times are then the ones {@code predict} uses). Paced, the decoder hands out each frame no
 * earlier than its time (divided by the speed) after the first one, so a file plays like a camera; looping, it starts a
 * file over at its end and continues the clock. Not thread-safe: one decoder per thread.
 */
public final class StreamDecoder implements AutoCloseable {
    /** How a source is played. {@code speed} only matters when {@code paced}; {@code loop} only for files. */
    public record Playback(boolean paced, double speed, boolean loop, double timeoutSeconds) {
        public Playback {
            if (!(speed > 0) || Double.isInfinite(speed)) throw new IllegalArgumentException("--speed must be a positive number, got " + speed);
            if (!(timeoutSeconds >= 0)) throw new IllegalArgumentException("--timeout must be >= 0 seconds, got " + timeoutSeconds);
        }

        public static Playback asFastAsPossible() { return new Playback(false, 1, false, 0); }
    }

    private final SourceSpec source;
    private final Playback playback;
    private final StreamInfo info;
    private FFmpegFrameGrabber grabber;
    private final long clockBase;          // microseconds on the container's clock that are time 0
    private double loopOffset;             // seconds added to every time, one pass of the file per loop
    private double lastVideoTime = Double.NaN;
    private boolean videoThisPass;
    private long paceStartNanos = -1;
    private double paceStartTime;

    private StreamDecoder(SourceSpec source, Playback playback, FFmpegFrameGrabber grabber, StreamInfo info, long clockBase) {
        this.source = source;
        this.playback = playback;
        this.grabber = grabber;
        this.info = info;
        this.clockBase = clockBase;
    }

    /** Opens and probes the source; a source FFmpeg cannot open, or one without video, is a {@link StreamException}. */
    public static StreamDecoder open(SourceSpec source, Playback playback) throws StreamException {
        if (playback.loop() && source.kind() != SourceSpec.Kind.FILE) {
            throw new StreamException(source.name(), "--loop plays a file again from its start; a " + source.kind().name().toLowerCase(Locale.ROOT)
                    + " source cannot be started over");
        }
        FFmpegFrameGrabber grabber = start(source, playback);
        try {
            StreamInfo info = probe(source, grabber);
            AVFormatContext context = grabber.getFormatContext();
            long start = context == null ? avutil.AV_NOPTS_VALUE : context.start_time();
            return new StreamDecoder(source, playback, grabber, info, start != avutil.AV_NOPTS_VALUE && start > 0 ? start : 0);
        } catch (StreamException e) {
            releaseQuietly(grabber);
            throw e;
        }
    }

    public StreamInfo info() { return info; }

    public SourceSpec source() { return source; }

    /**
     * The next frame or chunk of sound, or null when the stream ends. Paced, waits until its time has come.
     * Decoding errors (a corrupt packet FFmpeg gives up on, a NaN sample) are {@link StreamException}s.
     */
    public MediaEvent next() throws StreamException, InterruptedException {
        while (true) {
            Frame frame;
            try {
                frame = grabber.grab();
            } catch (FrameGrabber.Exception | RuntimeException e) {
                throw new StreamException(source.name(), String.format("decoding failed near %.3f s: %s",
                        Double.isNaN(lastVideoTime) ? 0 : lastVideoTime, e.getMessage()), e);
            }
            if (frame == null) {
                if (!playback.loop()) return null;
                startOver();
                continue;
            }
            double time = (frame.timestamp - clockBase) / 1e6 + loopOffset;
            if (frame.image != null) {
                // upright as VideoReader turns a file's frames; a matrix that is no quarter turn is shown as stored
                var image = DisplayRotation.rotate(VideoReader.toRgbImage(frame),
                        Math.max(0, DisplayRotation.clockwiseQuarterTurn(grabber.getDisplayRotation())));
                lastVideoTime = time;
                videoThisPass = true;
                return new MediaEvent.VideoFrame(image, time, pace(time));
            }
            if (frame.samples != null && info.hasAudio()) {
                float[] mono = AudioTrackReader.toMono(frame.samples, frame.audioChannels > 0 ? frame.audioChannels : grabber.getAudioChannels());
                for (int i = 0; i < mono.length; i++) {
                    if (Float.isNaN(mono[i])) {
                        throw new StreamException(source.name(), String.format("audio has a NaN sample at %.3f s", time + i / (double) info.sampleRate()));
                    }
                    mono[i] = Math.max(-1f, Math.min(1f, mono[i]));
                }
                return new MediaEvent.AudioChunk(mono, time, pace(time));
            }
        }
    }

    /** Waits, when paced, until {@code time} is due on the wall clock; returns the arrival time. */
    private long pace(double time) throws InterruptedException {
        if (playback.paced()) {
            if (paceStartNanos < 0) {
                paceStartNanos = System.nanoTime();
                paceStartTime = time;
            }
            long due = paceStartNanos + (long) ((time - paceStartTime) / playback.speed() * 1e9);
            for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
                if (Thread.interrupted()) throw new InterruptedException("live: interrupted while pacing " + source.name());
            }
        }
        return System.nanoTime();
    }

    /** A looping file reached its end: open it again and continue the clock one frame after its last frame. */
    private void startOver() throws StreamException {
        if (!videoThisPass) throw new StreamException(source.name(), "--loop: a pass over the file gave no video frame");
        loopOffset = lastVideoTime + 1 / info.fps();
        videoThisPass = false;
        releaseQuietly(grabber);
        grabber = start(source, playback);
    }

    @Override
    public void close() {
        releaseQuietly(grabber);
    }

    private static FFmpegFrameGrabber start(SourceSpec source, Playback playback) throws StreamException {
        FfmpegLog.fatalOnly();
        FFmpegFrameGrabber grabber = switch (source.kind()) {
            case FILE -> new FFmpegFrameGrabber(source.file().toFile());
            case PIPE -> new FFmpegFrameGrabber(source.pipe(), 0);    // 0: not seekable, nothing buffered for seeking
            case URL, DEVICE -> new FFmpegFrameGrabber(source.name());
        };
        if (source.format() != null) grabber.setFormat(source.format());
        grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
        grabber.setSampleFormat(avutil.AV_SAMPLE_FMT_FLT);
        if (source.kind() == SourceSpec.Kind.URL && playback.timeoutSeconds() > 0) {
            // FFmpeg's network protocols give up on a silent peer after this many microseconds (RTSP reads "timeout")
            String micros = Long.toString(Math.round(playback.timeoutSeconds() * 1e6));
            grabber.setOption("rw_timeout", micros);
            if (source.name().toLowerCase(Locale.ROOT).startsWith("rtsp")) grabber.setOption("timeout", micros);
        }
        source.options().forEach(grabber::setOption);
        try {
            grabber.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            releaseQuietly(grabber);
            throw new StreamException(source.name(), "FFmpeg cannot open it (not a media stream, corrupt, unreachable, or the"
                    + " wrong --format): " + e.getMessage(), e);
        }
        return grabber;
    }

    private static StreamInfo probe(SourceSpec source, FFmpegFrameGrabber grabber) throws StreamException {
        if (!grabber.hasVideo() || grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
            throw new StreamException(source.name(), "has no video stream; live cuts its windows from video frames");
        }
        double fps = grabber.getFrameRate();
        if (!(fps > 0) || Double.isInfinite(fps)) throw new StreamException(source.name(), "video stream has no usable frame rate (" + fps + ")");
        boolean audio = grabber.hasAudio() && grabber.getAudioChannels() > 0;
        int rate = audio ? grabber.getSampleRate() : 0;
        if (audio && rate <= 0) throw new StreamException(source.name(), "audio stream has no usable sample rate (" + rate + ")");
        return new StreamInfo(source.name(), grabber.getImageWidth(), grabber.getImageHeight(), fps, rate);
    }

    private static void releaseQuietly(FFmpegFrameGrabber grabber) {
        try {
            grabber.release();
        } catch (FrameGrabber.Exception | RuntimeException ignored) {
            // Closing after a failure or at the end: the stream's own error, if any, is the one worth reporting.
        }
    }
}
