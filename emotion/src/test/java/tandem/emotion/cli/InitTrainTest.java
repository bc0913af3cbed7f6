package tandem.emotion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.emotion.synth.CorpusGenerator;
import tandem.nn.io.Safetensors;
import tandem.tensor.Tensor;

/**
 * Unimodal pre-training and fine-tuning through the CLI: {@code --modality video|audio} runs give branch checkpoints
 * per fold, a fusion run started from them with {@code --init-video} / {@code --init-audio} loads each fold's own, and
 * {@code --init} starts from one checkpoint, strictly unless {@code --init-partial}.
 */
class InitTrainTest {
    @TempDir static Path root;
    static Path manifest, videoRun, audioRun;
    static CliRun video, audio;

    static CliRun train(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--data", manifest.toString(), "--model", "preset=tiny,fusion=msaf,head=linear",
                "--folds", "2", "--repeats", "1", "--epochs", "1", "--seed", "3", "--out", out.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @BeforeAll
    static void pretrainBothBranches() throws IOException {
        manifest = CorpusGenerator.generate(root.resolve("corpus"), PluginTest.CORPUS).manifest().file();
        videoRun = root.resolve("video");
        audioRun = root.resolve("audio");
        video = train(videoRun, "--modality", "video");
        audio = train(audioRun, "--modality", "audio");
    }

    /** The parameters (not the batch-norm statistics) of {@code prefix} in a checkpoint. */
    static Map<String, Tensor> parameters(Path checkpoint, String prefix) throws IOException {
        Map<String, Tensor> out = new java.util.TreeMap<>();
        Safetensors.read(checkpoint).tensors().forEach((k, v) -> {
            if (k.startsWith(prefix) && !k.contains("running_") && !k.contains("num_batches")) out.put(k, v);
        });
        return out;
    }

    static double maxDifference(Map<String, Tensor> a, Map<String, Tensor> b) {
        assertEquals(a.keySet(), b.keySet());
        double max = 0;
        for (String k : a.keySet()) {
            double[] x = a.get(k).toDoubleArray(), y = b.get(k).toDoubleArray();
            for (int i = 0; i < x.length; i++) max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        return max;
    }

    @Test
    void modalityRunsWriteBranchCheckpoints() throws IOException {
        assertEquals(0, video.exitCode(), video.err());
        assertEquals(0, audio.exitCode(), audio.err());
        assertTrue(video.out().contains("model: preset=tiny,fusion=none,head=linear,classes=4,modality=video"), video.out());
        var names = Safetensors.read(videoRun.resolve("repeat-1/fold-1/checkpoint.safetensors")).tensors().keySet();
        assertTrue(names.stream().allMatch(n -> n.startsWith("model.video.") || n.startsWith("model.video_head.") || n.startsWith("optim.")), names.toString());
        assertTrue(Files.exists(audioRun.resolve("repeat-1/fold-2/split.json")));
    }

    /**
     * A fusion model whose folds start from the same folds of both branch runs, trained one epoch at a learning rate too
     * small to move a weight: each fold's branch parameters end where that fold's pre-training left them.
     */
    @Test
    void aFusionModelStartsEachFoldFromThatFoldsBranches() throws IOException {
        Path run = root.resolve("fusion");
        CliRun r = train(run, "--init-video", videoRun.toString(), "--init-audio", audioRun.toString(), "--lr", "1e-12");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("init video branch from " + videoRun + " (fold by fold)"), r.out());
        assertTrue(r.out().contains("missing 0; unexpected 0; shape-mismatched 0"), r.out());
        for (int fold = 1; fold <= 2; fold++) {
            Path fused = run.resolve("repeat-1/fold-" + fold + "/checkpoint.safetensors");
            Path own = videoRun.resolve("repeat-1/fold-" + fold + "/checkpoint.safetensors");
            Path other = videoRun.resolve("repeat-1/fold-" + (3 - fold) + "/checkpoint.safetensors");
            assertTrue(maxDifference(parameters(fused, "model.video."), parameters(own, "model.video.")) < 1e-6, "fold " + fold);
            assertTrue(maxDifference(parameters(fused, "model.video."), parameters(other, "model.video.")) > 1e-3, "fold " + fold + " is not the other fold's");
            Path ownAudio = audioRun.resolve("repeat-1/fold-" + fold + "/checkpoint.safetensors");
            assertTrue(maxDifference(parameters(fused, "model.audio_head."), parameters(ownAudio, "model.audio_head.")) < 1e-6, "fold " + fold);
        }
        JsonObject record = JsonParser.parseString(Files.readString(run.resolve("run.json"))).getAsJsonObject();
        assertEquals(videoRun.toAbsolutePath().normalize().toString(), record.getAsJsonObject("init").get("video").getAsString());
    }

    @Test
    void branchRunsMustHaveDrawnTheSameSplit() {
        Path out = root.resolve("bad-seed");
        List<String> args = new ArrayList<>(List.of("train", "--data", manifest.toString(), "--model", "preset=tiny,fusion=msaf,head=linear",
                "--folds", "2", "--repeats", "1", "--epochs", "1", "--seed", "4", "--out", out.toString(), "--init-video", videoRun.toString()));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("drawn with other data or protocol") && r.err().contains("--seed"), r.err());
        assertFalse(Files.exists(out.resolve("run.json")), "nothing is written");
        CliRun notARun = train(root.resolve("bad-dir"), "--init-audio", root.resolve("corpus").toString());
        assertTrue(notARun.err().contains("not a run folder (no run.json)"), notARun.err());
        CliRun wrongBranch = train(root.resolve("bad-branch"), "--init-video", audioRun.toString());
        assertTrue(wrongBranch.err().contains("its model has modality=audio; pre-train with train --modality video"), wrongBranch.err());
    }

    @Test
    void initFromOneCheckpointIsStrictUnlessPartial() throws IOException {
        Path checkpoint = videoRun.resolve("repeat-1/fold-1/checkpoint.safetensors");
        CliRun strict = train(root.resolve("strict"), "--init", checkpoint.toString());
        assertEquals(2, strict.exitCode());
        assertTrue(strict.err().contains("does not fit the model: loaded ") && strict.err().contains("pass --init-partial"), strict.err());
        CliRun partial = train(root.resolve("partial"), "--init", checkpoint.toString(), "--init-partial");
        assertEquals(0, partial.exitCode(), partial.err());
        assertTrue(partial.out().contains("init from " + checkpoint + ": loaded "), partial.out());

        // without --model the checkpoint's own spec is trained further
        CliRun same = CliRun.of("train", "--data", manifest.toString(), "--folds", "2", "--repeats", "1", "--epochs", "1", "--seed", "3",
                "--out", root.resolve("again").toString(), "--init", checkpoint.toString());
        assertEquals(0, same.exitCode(), same.err());
        assertTrue(same.out().contains("modality=video") && same.out().contains("missing 0; unexpected 0; shape-mismatched 0"), same.out());
        CliRun lonely = train(root.resolve("lonely"), "--init-partial");
        assertTrue(lonely.err().contains("--init-partial needs --init CHECKPOINT"), lonely.err());
    }
}
