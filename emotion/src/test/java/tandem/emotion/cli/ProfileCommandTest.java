package tandem.emotion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.emotion.synth.CorpusGenerator;
import tandem.emotion.synth.SynthConfig;

/**
 * {@code train --profile} and {@code predict --profile} on a small generated corpus: the table, a trace that
 * follows the trace-event format, and per-op times that add up to the measured step time.
 */
class ProfileCommandTest {
    @Test
    void trainAndPredictWriteATableAndATraceWhoseOpsAddUpToTheSteps(@TempDir Path dir) throws IOException {
        Path corpus = dir.resolve("corpus");
        CorpusGenerator.generate(corpus, SynthConfig.defaults().withSubjects(1).withClipsPerClass(2).withClipSeconds(1.6)
                .withFrameSize(32, 32).withSeed(7));
        Path out = dir.resolve("run");
        CliRun train = TrainBadInputTest.train(corpus.resolve("manifest.csv"), out, "--profile");
        assertEquals(0, train.exitCode(), train.err());

        Path profile = out.resolve("profile");
        String table = Files.readString(profile.resolve("profile.txt"));
        for (String column : List.of("calls", "total ms", "share", "GFLOP/s", "GB/s", "FLOP/B", "bound", "convForward", "train_step")) {
            assertTrue(table.contains(column), "'" + column + "' not in the table:\n" + table);
        }
        assertTrue(train.out().contains("convForward") && train.out().contains("profile: every op in"), train.out());

        JsonObject summary = JsonParser.parseString(Files.readString(profile.resolve("profile.json"))).getAsJsonObject();
        double coverage = summary.get("coverage").getAsDouble();
        assertTrue(coverage >= 0.9 && coverage <= 1.0, "per-op times add up to " + coverage + " of the steps' time");

        // the trace tells the same story: its train_step regions and the ops inside them sum to the summary's times
        Trace trace = Trace.read(profile.resolve("trace.json"));
        assertFalse(trace.regions.isEmpty(), "train_step regions in the trace");
        double stepUs = 0, opUs = 0;
        for (JsonObject r : trace.regions) stepUs += r.get("dur").getAsDouble();
        for (JsonObject op : trace.ops) if (trace.insideRegion(op)) opUs += op.get("dur").getAsDouble();
        double regionUs = 1000 * summary.get("region_ms").getAsDouble(), opsInRegionsUs = 1000 * summary.get("ops_in_regions_ms").getAsDouble();
        assertEquals(regionUs, stepUs, 0.02 * regionUs, "regions in the trace against profile.json");
        assertEquals(opsInRegionsUs, opUs, 0.02 * opsInRegionsUs, "ops inside the regions in the trace against profile.json");
        assertTrue(opUs <= stepUs, "ops " + opUs + " us inside steps of " + stepUs + " us");

        Path checkpoint = out.resolve("repeat-1/fold-1/checkpoint.safetensors");
        Path video;
        try (Stream<Path> videos = Files.list(corpus.resolve("video"))) {
            video = videos.sorted().findFirst().orElseThrow();
        }
        Path predictProfile = dir.resolve("predict-profile");
        CliRun predict = CliRun.of("predict", "--checkpoint", checkpoint.toString(), "--json", "--profile",
                "--profile-dir", predictProfile.toString(), video.toString());
        assertEquals(0, predict.exitCode(), predict.err());
        assertEquals(1, predict.outLines().size(), "with --json, stdout holds only the prediction: " + predict.out());
        assertTrue(predict.err().contains("convForward"), "the table goes to stderr beside --json: " + predict.err());
        Trace predicted = Trace.read(predictProfile.resolve("trace.json"));
        assertFalse(predicted.ops.isEmpty());
        assertTrue(predicted.ops.stream().allMatch(o -> o.get("cat").getAsString().equals("forward")), "inference is all forward");
    }

    /** A trace file checked against the trace-event format: every event has name, ph, ts, dur, pid and tid. */
    private record Trace(List<JsonObject> regions, List<JsonObject> ops) {
        static Trace read(Path file) throws IOException {
            JsonObject root = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            List<JsonObject> regions = new ArrayList<>(), ops = new ArrayList<>();
            for (JsonElement e : root.getAsJsonArray("traceEvents")) {
                JsonObject ev = e.getAsJsonObject();
                for (String field : List.of("name", "ph", "ts", "dur", "pid", "tid")) {
                    assertTrue(ev.has(field), field + " missing in " + ev);
                }
                String ph = ev.get("ph").getAsString();
                assertTrue(ph.equals("X") || ph.equals("M"), "complete or metadata events only: " + ev);
                assertTrue(ev.get("ts").getAsDouble() >= 0 && ev.get("dur").getAsDouble() >= 0, ev.toString());
                if (ph.equals("X")) (ev.get("cat").getAsString().equals("region") ? regions : ops).add(ev);
            }
            return new Trace(regions, ops);
        }

        boolean insideRegion(JsonObject op) {
            double ts = op.get("ts").getAsDouble(), end = ts + op.get("dur").getAsDouble();
            for (JsonObject r : regions) {
                double rs = r.get("ts").getAsDouble();
                if (r.get("tid").equals(op.get("tid")) && ts >= rs && end <= rs + r.get("dur").getAsDouble()) return true;
            }
            return false;
        }
    }
}
