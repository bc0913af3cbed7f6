package tandem.emotion.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.emotion.infer.RunCheckpoint;
import tandem.emotion.infer.TestCheckpoints;
import tandem.emotion.infer.TrainedModel;
import tandem.tensor.Device;
import tandem.tensor.memory.MemoryTracker;

/**
 * Two minutes of a looped clip, played twelve times faster than real time so that the test stays short (and the
 * model falls behind now and then, so windows are dropped): every window is either computed or counted as dropped,
 * the results come in order, and the heap after a collection and the thread count stay flat from the first
 * third of the run to the last, and every tensor is released at the end. A leak of one 64x64 frame per frame decoded would add about 50 MB.
 */
class LongStreamTest {
    static final double SECONDS = 120, SPEED = 12;
    /** Slack for what a collection leaves behind at random (a window in flight, JIT and class data). */
    static final long HEAP_SLACK_BYTES = 24L << 20;

    record Sample(long heapBytes, int threads) {}

    @Test
    void aLoopedTwoMinuteStreamKeepsMemoryAndThreadsFlat(@TempDir Path dir) throws Exception {
        Path clip = LiveClips.clip(dir.resolve("loop.mp4"), 3.6, 3.6);
        TrainedModel trained = RunCheckpoint.load(LiveClips.checkpoint(dir.resolve("model"), TestCheckpoints.PROPOSED));
        LiveOptions options = LiveOptions.defaults().withPlayback(new StreamDecoder.Playback(true, SPEED, true, 0)).withDuration(SECONDS);

        List<Long> order = new CopyOnWriteArrayList<>();
        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        LiveSummary[] summary = new LiveSummary[1];
        Exception[] failure = new Exception[1];
        Thread session = new Thread(() -> {
            try {
                summary[0] = LiveSession.run(trained, SourceSpec.file(clip), options, r -> order.add(r.index()), note -> { });
            } catch (Exception e) {
                failure[0] = e;
            }
        }, "live-session-under-test");
        long tensorsBefore = settledTensorBytes();
        session.start();
        while (session.isAlive()) {
            session.join(400);
            System.gc();
            samples.add(new Sample(memory.getHeapMemoryUsage().getUsed(), threads.getThreadCount()));
        }
        if (failure[0] != null) throw failure[0];

        // 3000 frames: windows start at frames 0, 10, ..., 2970
        assertEquals(298, summary[0].windows() + summary[0].dropped(), summary[0].line());
        assertEquals(summary[0].windows(), order.size());
        for (int i = 1; i < order.size(); i++) assertTrue(order.get(i) > order.get(i - 1), "in order: " + order);
        assertTrue(samples.size() >= 9, "sampled " + samples.size() + " times");

        int third = samples.size() / 3;
        List<Sample> first = samples.subList(1, third), last = samples.subList(samples.size() - third, samples.size());
        long heapFirst = first.stream().mapToLong(Sample::heapBytes).max().orElseThrow();
        long heapLast = last.stream().mapToLong(Sample::heapBytes).max().orElseThrow();
        assertTrue(heapLast <= heapFirst + HEAP_SLACK_BYTES, "heap after GC: " + (heapFirst >> 20) + " MB early, " + (heapLast >> 20) + " MB late");
        long tensorsAfter = settledTensorBytes();
        assertTrue(tensorsAfter <= tensorsBefore, "every window's tensors released: " + tensorsBefore + " bytes before, " + tensorsAfter + " after");
        int threadsFirst = first.stream().mapToInt(Sample::threads).max().orElseThrow();
        int threadsLast = last.stream().mapToInt(Sample::threads).max().orElseThrow();
        assertTrue(threadsLast <= threadsFirst, "threads: " + threadsFirst + " early, " + threadsLast + " late");
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(LiveSession.INFERENCE_THREAD)),
                "the inference thread has ended");
    }

    /** Live tensor bytes once collections stop freeing any (other tests' garbage goes through the Cleaner). */
    static long settledTensorBytes() throws InterruptedException {
        long previous = -1, now = MemoryTracker.liveBytes(Device.CPU);
        for (int i = 0; i < 20 && now != previous; i++) {
            System.gc();
            Thread.sleep(100);
            previous = now;
            now = MemoryTracker.liveBytes(Device.CPU);
        }
        return now;
    }
}
