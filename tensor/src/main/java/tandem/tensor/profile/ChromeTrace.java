package tandem.tensor.profile;

import java.util.Arrays;

/**
 * The profile in Chrome's trace-event JSON format, which chrome://tracing and ui.perfetto.dev open: complete events
 * ({@code "ph": "X"}) on one track per thread, regions enclosing the ops run inside them. Every event, the metadata
 * that names the process and threads included, carries name, ph, ts, dur, pid and tid. Times are microseconds from
 * the start of the recording.
 */
final class ChromeTrace {
    static final int PID = 1;

    private ChromeTrace() {}

    static String render(Profile p) {
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("{\"displayTimeUnit\":\"ms\",\"otherData\":{\"producer\":\"tandem profiler\",\"truncated\":")
                .append(p.traceTruncated()).append("},\"traceEvents\":[\n");
        boolean[] first = {true};
        meta(b, first, "process_name", 0, "tandem");
        for (Profile.Track t : p.tracks()) {
            meta(b, first, "thread_name", t.threadId(), t.threadName());
            for (RegionEvent r : t.regions()) {
                open(b, first, r.name(), "region", r.startNanos(), r.wallNanos(), t.threadId());
                b.append(",\"args\":{\"depth\":").append(r.depth()).append("}}");
            }
            for (OpEvent e : t.events()) {
                open(b, first, e.op(), e.phase().label(), e.startNanos(), e.wallNanos(), t.threadId());
                b.append(",\"args\":{\"module\":").append(JsonText.str(e.module()));
                if (!e.function().isEmpty()) b.append(",\"function\":").append(JsonText.str(e.function()));
                b.append(",\"inputs\":").append(JsonText.str(shapes(e.inputs())))
                        .append(",\"outputs\":").append(JsonText.str(shapes(e.outputs())))
                        .append(",\"dtype\":").append(JsonText.str(e.dtype()))
                        .append(",\"device\":").append(JsonText.str(e.device()))
                        .append(",\"mflop\":").append(JsonText.num(e.flops() / 1e6))
                        .append(",\"kb\":").append(JsonText.num(e.bytes() / 1e3));
                if (e.kernels() > 0) {
                    b.append(",\"kernels\":").append(e.kernels())
                            .append(",\"device_us\":").append(e.deviceNanos() < 0 ? "null" : JsonText.micros(e.deviceNanos()));
                }
                b.append("}}");
            }
        }
        return b.append("\n]}\n").toString();
    }

    private static void open(StringBuilder b, boolean[] first, String name, String cat, long start, long dur, long tid) {
        separator(b, first);
        b.append("{\"name\":").append(JsonText.str(name)).append(",\"cat\":").append(JsonText.str(cat))
                .append(",\"ph\":\"X\",\"ts\":").append(JsonText.micros(start)).append(",\"dur\":").append(JsonText.micros(dur))
                .append(",\"pid\":").append(PID).append(",\"tid\":").append(tid);
    }

    /** A metadata event naming the process or a thread; ts and dur are 0, so every event has the same fields. */
    private static void meta(StringBuilder b, boolean[] first, String what, long tid, String name) {
        separator(b, first);
        b.append("{\"name\":\"").append(what).append("\",\"ph\":\"M\",\"ts\":0,\"dur\":0,\"pid\":").append(PID)
                .append(",\"tid\":").append(tid).append(",\"args\":{\"name\":").append(JsonText.str(name)).append("}}");
    }

    private static void separator(StringBuilder b, boolean[] first) {
        if (!first[0]) b.append(",\n");
        first[0] = false;
    }

    private static String shapes(int[][] shapes) {
        StringBuilder b = new StringBuilder();
        for (int[] s : shapes) b.append(b.length() == 0 ? "" : " ").append(Arrays.toString(s).replace(" ", ""));
        return b.toString();
    }
}
