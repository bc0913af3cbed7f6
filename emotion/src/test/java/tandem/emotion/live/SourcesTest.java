package tandem.emotion.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.emotion.infer.RunCheckpoint;
import tandem.emotion.infer.TestCheckpoints;
import tandem.emotion.infer.TrainedModel;

/**
 * Sources other than a file: an MPEG-TS stream through a pipe (whose clock does not start at 0) and over TCP, and
 * FFmpeg's {@code lavfi} input device, which generates picture and sound without hardware and as fast as it is read.
 * All count as live: every window is either computed, in order, or counted as dropped, and the newest is never
 * dropped.
 */
class SourcesTest {
    @TempDir
    static Path dir;
    static TrainedModel trained;

    @BeforeAll
    static void model() throws IOException {
        trained = RunCheckpoint.load(LiveClips.checkpoint(dir.resolve("model"), TestCheckpoints.PROPOSED));
    }

    static List<WindowResult> play(SourceSpec source, LiveOptions options) throws Exception {
        List<WindowResult> results = new CopyOnWriteArrayList<>();
        LiveSummary summary = LiveSession.run(trained, source, options, results::add, note -> { });
        assertEquals(summary.windows(), results.size());
        for (int i = 1; i < results.size(); i++) assertTrue(results.get(i).index() > results.get(i - 1).index(), "in order");
        return results;
    }

    @Test
    void anMpegTsStreamThroughAPipe() throws Exception {
        Path ts = remuxToMpegTs(LiveClips.clip(dir.resolve("clip.mp4"), 3.6, 3.6), dir.resolve("clip.ts"));
        try (InputStream in = new FileInputStream(ts.toFile())) {
            List<WindowResult> windows = play(SourceSpec.pipe("pipe", in), LiveOptions.defaults());
            // a pipe may carry a camera, so it is not waited for: windows the model cannot keep up with are dropped
            WindowResult last = windows.get(windows.size() - 1);
            assertEquals(6, last.index(), "the newest window is always computed");
            assertEquals(7, windows.size() + last.dropped(), windows.size() + " computed, " + last.dropped() + " dropped");
            double origin = windows.get(0).start() - 0.4 * windows.get(0).index();
            // the clock starts at the container's start, the earlier of sound and picture (AAC starts a little early)
            assertTrue(origin >= 0 && origin < 0.2, "first frame at " + origin + " s");
            for (WindowResult w : windows) {
                assertEquals(origin + 0.4 * w.index(), w.start(), 1e-3, "window " + w.index());
                double sum = 0;
                for (double p : w.probabilities()) sum += p;
                assertEquals(1, sum, 1e-6);
            }
        }
    }

    @Test
    void anMpegTsStreamOverTcp() throws Exception {
        Path ts = remuxToMpegTs(LiveClips.clip(dir.resolve("tcp.mp4"), 3.6, 3.6), dir.resolve("tcp.ts"));
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread sender = new Thread(() -> {
                try (Socket peer = server.accept(); OutputStream out = peer.getOutputStream()) {
                    Files.copy(ts, out);
                } catch (IOException ignored) {
                    // the receiving side reports whatever went wrong
                }
            }, "test-tcp-sender");
            sender.start();
            SourceSpec url = SourceSpec.parse("tcp://127.0.0.1:" + server.getLocalPort(), null, Map.of(), null);
            assertEquals(SourceSpec.Kind.URL, url.kind());
            List<WindowResult> windows = play(url, LiveOptions.defaults().withPlayback(new StreamDecoder.Playback(false, 1, false, 5)));
            WindowResult last = windows.get(windows.size() - 1);
            assertEquals(6, last.index());
            assertEquals(7, windows.size() + last.dropped(), windows.size() + " computed, " + last.dropped() + " dropped");
            sender.join(5000);
        }
    }

    @Test
    void aGeneratedDeviceReadFasterThanTheModelDropsWindows() throws Exception {
        SourceSpec device = SourceSpec.parse("testsrc2=size=64x64:rate=25[out0];sine=frequency=300:sample_rate=16000[out1]", "lavfi",
                Map.of(), null);
        assertEquals(SourceSpec.Kind.DEVICE, device.kind());
        List<WindowResult> windows = play(device, LiveOptions.defaults().withDuration(3));
        // windows end at 1.2, 1.6, ..., 2.8 s: five, each computed or counted as dropped
        WindowResult last = windows.get(windows.size() - 1);
        assertEquals(4, last.index(), "the newest window is always computed");
        assertEquals(5, windows.size() + last.dropped(), windows.size() + " computed, " + last.dropped() + " dropped");
    }

    /** The clip as MPEG-TS (MPEG-2 video, AAC), a container that can be read front to back through a pipe. */
    static Path remuxToMpegTs(Path mp4, Path ts) throws Exception {
        try (FFmpegFrameGrabber in = new FFmpegFrameGrabber(mp4.toFile())) {
            in.start();
            try (FFmpegFrameRecorder out = new FFmpegFrameRecorder(ts.toFile(), in.getImageWidth(), in.getImageHeight(), 1)) {
                out.setFormat("mpegts");
                out.setFrameRate(in.getFrameRate());
                out.setVideoCodec(avcodec.AV_CODEC_ID_MPEG2VIDEO);
                out.setVideoQuality(2);
                out.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
                out.setSampleRate(in.getSampleRate());
                out.start();
                for (Frame f; (f = in.grab()) != null; ) out.record(f);
                out.stop();
            }
        }
        return ts;
    }
}
