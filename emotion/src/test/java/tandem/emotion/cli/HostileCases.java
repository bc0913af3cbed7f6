package tandem.emotion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import tandem.emotion.audio.WavWriter;
import tandem.emotion.infer.RunCheckpoint;
import tandem.emotion.infer.TestCheckpoints;
import tandem.emotion.synth.CorpusGenerator;

/**
 * The hostile inputs of {@link HostileInputSuiteTest}, generated into one folder: a tiny corpus, a checkpoint, a
 * finished run, and around them damaged copies. Each case is a command line and the words its error line must hold.
 */
final class HostileCases {
    record Case(String category, String name, String[] args, List<String> expect, Path locked) {}

    private final Path root, corpus, manifest, video, checkpoint, run;
    private final List<String> header, firstRow;
    private final List<Case> all = new ArrayList<>();
    private int outs;

    private HostileCases(Path root) throws IOException {
        this.root = root;
        corpus = root.resolve("corpus");
        CorpusGenerator.generate(corpus, TrainFromVideoTest.TINY.withClipsPerClass(2));     // both folds hold every class
        manifest = corpus.resolve("manifest.csv");
        List<String> lines = Files.readAllLines(manifest);
        header = Arrays.asList(lines.get(0).split(",", -1));
        firstRow = Arrays.asList(lines.get(1).split(",", -1));
        video = corpus.resolve(firstRow.get(1));
        checkpoint = TestCheckpoints.save(TestCheckpoints.model(TestCheckpoints.PROPOSED, 3), root.resolve("good.safetensors"));
        run = root.resolve("finished-run");
        CliRun done = CliRun.of(trainArgs(Map.of("--out", run.toString())));
        assertEquals(0, done.exitCode(), done.err());
        Files.createDirectories(root.resolve("inputs"));
    }

    static HostileCases generate(Path root) throws IOException {
        HostileCases c = new HostileCases(root);
        c.options();
        c.modelSpecs();
        c.manifests();
        c.media();
        c.checkpoints();
        c.resumeFiles();
        c.folders();
        return c;
    }

    List<Case> all() { return all; }

    /** The corpus's own manifest, for runs that are meant to start. */
    Path manifest() { return manifest; }

    // ---- options -------------------------------------------------------------------------------------------

    private void options() {
        String[][] bad = {
            {"--epochs", "0", "--epochs"}, {"--epochs", "-5", "--epochs"}, {"--epochs", "100001", "--epochs"}, {"--epochs", "abc", "--epochs"},
            {"--epochs", "99999999999", "--epochs"}, {"--batch", "0", "--batch"}, {"--batch", "2000000", "--batch"},
            {"--lr", "0", "--lr"}, {"--lr", "-1", "--lr"}, {"--lr", "NaN", "--lr"}, {"--lr", "Infinity", "--lr"}, {"--lr", "1e400", "--lr"},
            {"--lr", "fast", "--lr"}, {"--weight-decay", "NaN", "--weight-decay"}, {"--weight-decay", "-1", "--weight-decay"},
            {"--weight-decay", "Infinity", "--weight-decay"}, {"--folds", "1", "--folds"}, {"--folds", "1001", "--folds"},
            {"--repeats", "0", "--repeats"}, {"--threads", "0", "--threads"}, {"--threads", "-3", "--threads"},
            {"--threads", "5000", "--threads"}, {"--device", "bogus", "--device bogus"}, {"--device", "opencl:x", "--device opencl:x"},
            {"--protocol", "bogus", "bogus"}, {"--select", "bogus", "bogus"}, {"--per-class", "-1", "--per-class"},
            {"--seed", "abc", "--seed"}, {"--patience", "-1", "--patience"},
        };
        for (String[] b : bad) {
            Map<String, String> o = new LinkedHashMap<>(Map.of(b[0], b[1]));
            if (b[0].equals("--patience")) o.put("--select", "best-val");
            train("options", b[0] + " " + b[1], o, b[2]);
        }
        train("options", "--val-fraction 0.9 with best-val", Map.of("--select", "best-val", "--val-fraction", "0.9"), "--val-fraction");
        train("options", "unknown option", Map.of("--bogus-option", "1"), "--bogus-option");
        train("options", "--data missing", Map.of("--data", ""), "--data");
        train("options", "--out missing", Map.of("--out", ""), "--out");
    }

    // ---- model specs ---------------------------------------------------------------------------------------

    private static final String[][] SPECS = {
        {"classes=10000000", "classes=10000000"}, {"classes=-1", "classes=-1"}, {"classes=99999999999999999999", "classes="},
        {"video.size=100000", "video.size=100000"}, {"video.size=1e5", "video.size=1e5"}, {"video.frames=1000000", "video.frames=1000000"},
        {"audio.frames=11", "audio.frames=11"}, {"fusion=window,fusion.dim=2000000000", "fusion.dim=2000000000"},
        {"fusion=window,fusion.windows=-3", "fusion.windows=-3"}, {"fusion=msaf,fusion.blockChannels=0", "fusion.blockChannels=0"},
        {"fusion=msaf,fusion.reduction=9999999", "fusion.reduction=9999999"}, {"fusion=gated,fusion.hidden=2147483648", "fusion.hidden"},
        {"preset=bogus", "bogus"}, {"fusion=bogus", "bogus"}, {"head=bogus", "bogus"}, {"notakey=3", "notakey"},
        {"preset=ravdess,video.size=1024", "GiB"},
    };

    private void modelSpecs() {
        for (String[] s : SPECS) train("model spec", "--model " + s[0], Map.of("--model", s[0]), s[1]);
    }

    // ---- manifests -----------------------------------------------------------------------------------------

    private void manifests() throws IOException {
        String head = String.join(",", header), row = String.join(",", firstRow);
        String clip = firstRow.get(0);
        manifestCase("empty file", "", "bad-empty-file.csv");
        manifestCase("comments only", "# nothing\n# here\n", "bad-comments-only.csv");
        manifestCase("header only", head + "\n", "bad-header-only.csv");
        manifestCase("BOM and a comment before the header", "\uFEFF# exported\n" + head + "\n" + row.replace(firstRow.get(3), "elated") + "\n",
                "elated");
        manifestCase("no label column", head.replace(",label", "") + "\n", "label");
        manifestCase("unknown label", head + "\n" + row.replace("," + firstRow.get(3) + ",", ",elated,") + "\n", "elated");
        manifestCase("a clip twice", head + "\n" + row + "\n" + row + "\n", "already defined");
        // the other clips stay, so the run has its classes and reaches the span check
        manifestCase("end 1e300 s", head + "\n" + withSpan("0", "1e300") + "\n" + allRows(l -> l.startsWith(clip + ",") ? "" : l).replaceAll("(?m)^\n", ""),
                clip, "past the video's end");
        manifestCase("end before start", head + "\n" + withSpan("1", "0.5") + "\n", "bad-end-before-start.csv");
        manifestCase("negative start", head + "\n" + withSpan("-1", "1") + "\n", "bad-negative-start.csv");
        manifestCase("start NaN", head + "\n" + withSpan("NaN", "1") + "\n", "bad-start-nan.csv");
        manifestCase("end not a number", head + "\n" + withSpan("0", "abc") + "\n", "bad-end-not-a-number.csv");
        manifestCase("video missing", head + "\n" + row.replace(firstRow.get(1), "video/nowhere.mp4") + "\n", "nowhere.mp4");
        manifestCase("audio missing", head + "\n" + row.replace(firstRow.get(2), "audio/nowhere.wav") + "\n", "nowhere.wav");
        manifestCase("unterminated quote", head + "\n\"" + row + "\n", "bad-unterminated-quote.csv");
        manifestCase("too many fields", head + "\n" + row + ",extra,more\n", "bad-too-many-fields.csv");
        manifestCase("one label for every clip", head + "\n" + allRows(l -> l.replaceAll(",(anger|joy|neutral|sad),", ",anger,")), "at least two classes", "anger");
        Path latin1 = Files.write(root.resolve("inputs/latin1.csv"), (head + "\nclip,caf\u00e9,x,anger,s1,,\n").getBytes(StandardCharsets.ISO_8859_1));
        train("manifests", "not UTF-8", Map.of("--data", latin1.toString()), "latin1.csv", "UTF-8");
        train("manifests", "a folder", Map.of("--data", corpus.resolve("video").toString()), "video", "not a regular file");
        train("manifests", "missing", Map.of("--data", root.resolve("inputs/none.csv").toString()), "none.csv");
    }

    private String withSpan(String start, String end) {
        List<String> f = new ArrayList<>(firstRow);
        f.set(header.indexOf("start"), start);
        f.set(header.indexOf("end"), end);
        return String.join(",", f);
    }

    private String allRows(UnaryOperator<String> edit) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String l : Files.readAllLines(manifest).subList(1, Files.readAllLines(manifest).size())) sb.append(edit.apply(l)).append('\n');
        return sb.toString();
    }

    /** A manifest in the corpus folder (so its relative media paths hold); the case's name gives the file's. */
    private void manifestCase(String name, String text, String... expect) throws IOException {
        Path m = corpus.resolve("bad-" + slug(name) + ".csv");
        Files.writeString(m, text);
        train("manifests", name, Map.of("--data", m.toString()), expect);
    }

    // ---- media ---------------------------------------------------------------------------------------------

    private void media() throws IOException {
        Path wav = corpus.resolve(firstRow.get(2)), media = Files.createDirectories(root.resolve("media"));
        mediaCase("audio", "empty file", Files.write(media.resolve("empty.wav"), new byte[0]));
        Path none = media.resolve("no-samples.wav");
        WavWriter.writeFloat32(none, new float[0], 16000);
        mediaCase("audio", "no samples", none, "no audio samples");
        Path one = media.resolve("one-sample.wav");
        WavWriter.writeFloat32(one, new float[] {0.5f}, 16000);
        mediaCase("audio", "one sample", one, "only 1 audio sample");
        mediaCase("audio", "truncated", HostileFiles.truncated(wav, media.resolve("half.wav"), 0.5));
        mediaCase("audio", "not a WAV", Files.writeString(media.resolve("text.wav"), "this is not audio at all ".repeat(20)));
        Path nanWav = media.resolve("nan.wav");
        WavWriter.writeFloat32(nanWav, new float[40000], 16000);      // valid first; then sample 123, little-endian, made NaN
        byte[] b = Files.readAllBytes(nanWav);
        int at = b.length - 4 * (40000 - 123), bits = Float.floatToRawIntBits(Float.NaN);
        for (int i = 0; i < 4; i++) b[at + i] = (byte) (bits >>> (8 * i));
        Files.write(nanWav, b);
        mediaCase("audio", "a NaN sample", nanWav, "NaN");
        mediaCase("audio", "a folder", Files.createDirectories(media.resolve("folder.wav")));
        mediaCase("video", "empty file", Files.write(media.resolve("empty.mp4"), new byte[0]));
        mediaCase("video", "not a video", Files.writeString(media.resolve("text.mp4"), "this is not a video at all ".repeat(40)));
        mediaCase("video", "truncated", HostileFiles.truncated(video, media.resolve("half.mp4"), 0.3));
        mediaCase("video", "a folder", Files.createDirectories(media.resolve("folder.mp4")));
        mediaCase("video", "a WAV", Files.copy(wav, media.resolve("sound.mp4")));
    }

    /** The corpus's manifest with the first clip's audio or video replaced by {@code file} (an absolute path). */
    private void mediaCase(String column, String name, Path file, String... also) throws IOException {
        List<String> f = new ArrayList<>(firstRow);
        f.set(column.equals("audio") ? 2 : 1, file.toString());
        String text = String.join(",", header) + "\n" + String.join(",", f) + "\n" + allRows(l -> l.startsWith(firstRow.get(0) + ",") ? "" : l)
                .replaceAll("(?m)^\\n", "");
        Path m = Files.writeString(corpus.resolve("media-" + column + "-" + slug(name) + ".csv"), text);
        String[] expect = new String[also.length + 1];
        expect[0] = file.getFileName().toString();
        System.arraycopy(also, 0, expect, 1, also.length);
        train("media", column + ": " + name, Map.of("--data", m.toString()), expect);
    }

    // ---- checkpoints: each through predict and through explain ---------------------------------------------

    private void checkpoints() throws IOException {
        Path in = root.resolve("inputs");
        checkpointCase("empty file", Files.write(in.resolve("empty.safetensors"), new byte[0]));
        checkpointCase("garbage", Files.writeString(in.resolve("garbage.safetensors"), "not a checkpoint, just words ".repeat(10)));
        checkpointCase("header length 2^62", HostileFiles.claimedHeaderLength(in.resolve("huge-header.safetensors"), 1L << 62, 64));
        checkpointCase("header past the end", HostileFiles.claimedHeaderLength(in.resolve("short-header.safetensors"), 4096, 64));
        checkpointCase("header not JSON", HostileFiles.safetensors(in.resolve("not-json.safetensors"), "{this is not json", new byte[0]));
        checkpointCase("header a JSON list", HostileFiles.safetensors(in.resolve("list.safetensors"), "[1,2,3]", new byte[0]));
        checkpointCase("a folder", Files.createDirectories(in.resolve("folder.safetensors")));
        checkpointCase("missing", in.resolve("nowhere.safetensors"));
        Path fifo = HostileFiles.fifo(in.resolve("pipe.safetensors"));
        if (fifo != null) checkpointCase("a FIFO", fifo);
        String meta = HostileFiles.header(checkpoint).getAsJsonObject("__metadata__").toString();
        checkpointCase("sparse 8 GB, data absent", HostileFiles.sparseGiant(in.resolve("sparse.safetensors"), "giant", 8, meta));
        checkpointCase("truncated", HostileFiles.truncated(checkpoint, in.resolve("truncated.safetensors"), 0.6));
        String nanTensor = HostileFiles.poisonFirstTensor(checkpoint, in.resolve("nan.safetensors"), Float.NaN);
        checkpointCase("a NaN weight", in.resolve("nan.safetensors"), nanTensor);
        String infTensor = HostileFiles.poisonFirstTensor(checkpoint, in.resolve("inf.safetensors"), Float.POSITIVE_INFINITY);
        checkpointCase("an infinite weight", in.resolve("inf.safetensors"), infTensor);
        checkpointCase("no metadata", HostileFiles.withHeader(checkpoint, in.resolve("no-meta.safetensors"), h -> h.remove("__metadata__")));
        checkpointCase("a tensor missing", HostileFiles.withHeader(checkpoint, in.resolve("missing-tensor.safetensors"),
                h -> h.remove(h.keySet().stream().filter(k -> !k.equals("__metadata__")).sorted().findFirst().orElseThrow())));
        for (String[] s : new String[][] {{"classes=10000000", "classes=10000000"}, {"video.size=100000", "video.size=100000"},
                {"video.frames=1000000", "video.frames=1000000"}, {"fusion.dim=2000000000", "fusion.dim=2000000000"}, {"preset=bogus", "bogus"}}) {
            Path f = HostileFiles.withMetadata(checkpoint, in.resolve("spec-" + slug(s[0]) + ".safetensors"),
                    RunCheckpoint.META_MODEL, TestCheckpoints.PROPOSED + "," + s[0]);
            checkpointCase("metadata spec " + s[0], f, s[1]);
        }
    }

    private void checkpointCase(String name, Path file, String... also) {
        String[] expect = new String[also.length + 1];
        expect[0] = file.getFileName().toString();
        System.arraycopy(also, 0, expect, 1, also.length);
        add("checkpoints", "predict: " + name, List.of("predict", "--checkpoint", file.toString(), video.toString()), null, expect);
        add("checkpoints", "explain: " + name, List.of("explain", "--checkpoint", file.toString(), "--clip", video.toString(), "--out",
                newOut().toString()), null, expect);
    }

    // ---- resume files --------------------------------------------------------------------------------------

    private void resumeFiles() throws IOException {
        resumeCase("run.json empty", "run.json", f -> "", "run.json", "empty");
        resumeCase("run.json not JSON", "run.json", f -> "{\"config\": ", "run.json");
        resumeCase("run.json a list", "run.json", f -> "[]", "run.json");
        resumeCase("run.json without config", "run.json", f -> "{\"environment\": {}}", "run.json", "config");
        resumeCase("run.json of another experiment", "run.json", f -> f.replace("\"epochs\": 1", "\"epochs\": 7"), "different experiment");
        resumeCase("run.json with other threads", "run.json", f -> edit(f, o -> o.getAsJsonObject("environment").addProperty("threads", 3)),
                "--threads 3");
        resumeCase("run.json threads not a number", "run.json", f -> edit(f, o -> o.getAsJsonObject("environment").addProperty("threads", "many")),
                "run.json", "threads");
        String result = "repeat-1/fold-1/result.json";
        resumeCase("result.json empty", result, f -> "", "result.json", "empty");
        resumeCase("result.json not JSON", result, f -> "{{{", "result.json");
        resumeCase("result.json a string", result, f -> "\"done\"", "result.json");
        resumeCase("result.json of another fold", result, f -> edit(f, o -> o.addProperty("fold", 1)), "result.json", "fold 2");
        resumeCase("result.json history too long", result, f -> edit(f, o -> {
            JsonArray h = o.getAsJsonArray("history");
            JsonObject extra = h.get(0).getAsJsonObject().deepCopy();
            extra.addProperty("epoch", 2);
            h.add(extra);
        }), "result.json", "history");
        resumeCase("result.json probability NaN", result, f -> edit(f, o -> o.getAsJsonArray("probabilities").get(0).getAsJsonArray()
                .set(0, new com.google.gson.JsonPrimitive("NaN"))), "result.json");
        resumeCase("result.json label out of range", result, f -> edit(f, o -> o.getAsJsonArray("truth").set(0, new com.google.gson.JsonPrimitive(9))),
                "result.json", "label");
    }

    private static String edit(String json, java.util.function.Consumer<JsonObject> change) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        change.accept(o);
        return o.toString();
    }

    /** A copy of the finished run with {@code file} rewritten, resumed with the options it was started with. */
    private void resumeCase(String name, String file, UnaryOperator<String> rewrite, String... expect) throws IOException {
        Path copy = root.resolve("resume-" + slug(name));
        HostileFiles.copyTree(run, copy);
        Path f = copy.resolve(file);
        Files.writeString(f, rewrite.apply(Files.readString(f)));
        add("resume files", name, List.of(trainArgs(Map.of("--out", copy.toString(), "--resume", "")).clone()), null, expect);
    }

    // ---- output folders ------------------------------------------------------------------------------------

    private void folders() throws IOException {
        Path file = Files.writeString(root.resolve("inputs/a-file"), "not a folder");
        train("folders", "--out is a file", Map.of("--out", file.toString()), "a-file", "is a file");
        train("folders", "--out under a file", Map.of("--out", file.resolve("run").toString()), "a-file", "is a file");
        Path foreign = Files.createDirectories(root.resolve("foreign"));
        Files.writeString(foreign.resolve("notes.txt"), "someone's notes");
        train("folders", "--out holds foreign files", Map.of("--out", foreign.toString()), "foreign", "not empty");
        Path busy = root.resolve("busy");
        add("folders", "--out in use by another run", List.of(trainArgs(Map.of("--out", busy.toString()))), busy, "busy", "in use by another Tandem run");
        Files.writeString(foreign.resolve("explain.md"), "# another run's explanation\n");
        add("folders", "explain into a folder with another run's files", List.of("explain", "--checkpoint", checkpoint.toString(), "--clip",
                video.toString(), "--out", foreign.toString()), null, "foreign", "not an explanation");
        add("folders", "synth --out is a file", List.of("synth", "--out", file.toString(), "--subjects", "1", "--size", "32"), null, "a-file");
        add("folders", "synth into foreign files", List.of("synth", "--out", foreign.toString(), "--subjects", "1", "--size", "32"), null,
                "foreign", "not empty");
        Path busySynth = root.resolve("busy-synth");
        add("folders", "synth --out in use", List.of("synth", "--out", busySynth.toString(), "--subjects", "1", "--size", "32"), busySynth,
                "busy-synth", "in use");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** train on the corpus with the suite's small settings, {@code options} overriding (an empty value drops the option). */
    private String[] trainArgs(Map<String, String> options) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("--data", manifest.toString());
        o.put("--folds", "2");
        o.put("--repeats", "1");
        o.put("--epochs", "1");
        o.put("--threads", "1");
        o.put("--out", newOut().toString());
        o.putAll(options);
        List<String> args = new ArrayList<>(List.of("train"));
        for (var e : o.entrySet()) {
            if (e.getKey().equals("--resume")) args.add("--resume");
            else if (!e.getValue().isEmpty()) args.addAll(List.of(e.getKey(), e.getValue()));
        }
        return args.toArray(String[]::new);
    }

    private void train(String category, String name, Map<String, String> options, String... expect) {
        add(category, name, List.of(trainArgs(options)), null, expect);
    }

    private static String slug(String name) { return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.]+", "-"); }

    private Path newOut() { return root.resolve("outs").resolve("out-" + ++outs); }

    private void add(String category, String name, List<String> args, Path locked, String... expect) {
        all.add(new Case(category, name, args.toArray(String[]::new), List.of(expect), locked));
    }
}
