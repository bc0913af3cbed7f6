package tandem.emotion.live;

import java.io.IOException;
import java.util.Locale;
import java.util.function.Consumer;
import tandem.emotion.infer.TrainedModel;
import tandem.emotion.model.InputSpec;

/**
 * Real-time emotion recognition on a stream. The calling thread decodes ({@link StreamDecoder}) and cuts windows
 * ({@link WindowScheduler}); one inference thread runs each window through the model ({@link WindowInference}),
 * smooths the decision and hands the result on. Between them sits a {@link WindowQueue} that holds at most
 * {@link LiveOptions#waiting()} windows: a live source drops the oldest when the model falls behind (and counts it),
 * a file waits. The model is warmed up before the first window, and every buffer has a fixed size, so memory stays
 * flat however long the stream runs.
 *
 * <p>Every problem with the stream is a {@link StreamException}, thrown after every window before it has been handed
 * to the sink.
 */
public final class LiveSession {
    static final String INFERENCE_THREAD = "tandem-live-inference";

    private LiveSession() {}

    /**
     * Plays {@code source} through {@code trained}, handing each window's result to {@code results} (on the inference
     * thread, in order) and progress notes to {@code notes}; returns when the stream ends or the duration is reached.
     */
    public static LiveSummary run(TrainedModel trained, SourceSpec source, LiveOptions options, Consumer<WindowResult> results,
                                  Consumer<String> notes) throws IOException, InterruptedException {
        try (StreamDecoder decoder = StreamDecoder.open(source, options.playback())) {
            StreamInfo info = decoder.info();
            InputSpec input = trained.input();
            boolean needsAudio = trained.spec().modality().usesAudio();
            if (needsAudio && !info.hasAudio()) {
                throw new StreamException(source.name(), "has no audio stream, but the model (" + trained.spec() + ") reads sound;"
                        + " give a source with sound, or use a model with modality=video");
            }
            WindowScheduler scheduler = new WindowScheduler(info, input.segmentFrames(), options.hop(), needsAudio ? input.sampleRate() : 0,
                    options.maxSkew(), options.duration());
            notes.accept(String.format(Locale.ROOT, "live: %s: %dx%d at %.3g fps, %s; windows of %d frames every %d; %s; %s",
                    info.name(), info.width(), info.height(), info.fps(), info.hasAudio() ? "sound at " + info.sampleRate() + " Hz" : "no sound",
                    input.segmentFrames(), options.hop(), options.smoothing(),
                    options.policy(source) == WindowQueue.Policy.BLOCK ? "every window computed" : "late windows dropped"));

            WindowInference inference = new WindowInference(trained);
            long warmStart = System.nanoTime();
            inference.warmUp(options.warmUpRuns(), info.width(), info.height(), needsAudio ? info.sampleRate() : 0);
            double warmUp = (System.nanoTime() - warmStart) / 1e9;

            WindowQueue queue = new WindowQueue(options.waiting(), options.policy(source));
            LatencyStats latency = new LatencyStats();
            InferenceLoop loop = new InferenceLoop(inference, queue, options.smoothing(), latency, results);
            Thread worker = new Thread(loop, INFERENCE_THREAD);
            worker.setDaemon(true);
            worker.start();
            StreamException streamError = null;
            try {
                WindowScheduler.Sink handOff = queue::put;
                MediaEvent event;
                while (!loop.failed() && !scheduler.done() && (event = decoder.next()) != null) scheduler.accept(event, handOff);
                if (!loop.failed() && !scheduler.done()) scheduler.finish(handOff);
            } catch (StreamException e) {
                streamError = e;                                   // reported once the windows before it are out
            } catch (InterruptedException e) {
                queue.abort();
                throw e;
            } finally {
                queue.close();
                worker.join();
            }
            loop.rethrow();
            if (streamError != null) throw streamError;
            return new LiveSummary(info, latency.count(), queue.dropped(), latency.quantile(0.5), latency.quantile(0.95), warmUp,
                    scheduler.frameCapacity(), scheduler.sampleCapacity());
        }
    }

    /** The inference thread: windows in, results out, until the queue closes or a window fails. */
    private static final class InferenceLoop implements Runnable {
        private final WindowInference inference;
        private final WindowQueue queue;
        private final Smoothing smoothing;
        private final LatencyStats latency;
        private final Consumer<WindowResult> results;
        private volatile Throwable failure;

        InferenceLoop(WindowInference inference, WindowQueue queue, Smoothing smoothing, LatencyStats latency, Consumer<WindowResult> results) {
            this.inference = inference;
            this.queue = queue;
            this.smoothing = smoothing;
            this.latency = latency;
            this.results = results;
        }

        boolean failed() { return failure != null; }

        @Override
        public void run() {
            try {
                Smoothing.Smoother smoother = smoothing.start(inference.trained().classes().size());
                for (WindowInput w; (w = queue.take()) != null; ) {
                    double[] p = inference.probabilities(w);
                    for (double v : p) {
                        if (!Double.isFinite(v)) {
                            throw new IOException(String.format(Locale.ROOT, "window %d [%.3f, %.3f) s: the model gave a probability of %s",
                                    w.index(), w.start(), w.end(), v));
                        }
                    }
                    int smoothed = smoother.update(p);
                    double millis = (System.nanoTime() - w.lastFrameNanos()) / 1e6;
                    latency.add(millis);
                    results.accept(new WindowResult(w.index(), w.start(), w.end(), p, Smoothing.argmax(p), smoothed, millis, queue.dropped()));
                }
            } catch (Throwable t) {
                failure = t;
                queue.abort();
            }
        }

        void rethrow() throws IOException {
            Throwable t = failure;
            if (t == null) return;
            if (t instanceof IOException io) throw io;
            if (t instanceof RuntimeException r) throw r;
            if (t instanceof Error e) throw e;
            throw new IOException("live: inference failed: " + t, t);
        }
    }
}
