package tandem.emotion.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tandem.emotion.eval.PairedComparison;
import tandem.emotion.train.RunRecord;

/** Paired comparison of two runs evaluated on the same splits. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare two training runs fold by fold (same data, protocol and seed): mean difference, 95%% CI, "
                + "paired t-test, Wilcoxon signed-rank, corrected resampled t-test.")
public final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_A", description = "first run folder (the baseline)")
    Path runA;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "second run folder")
    Path runB;

    @Override
    public Integer call() throws IOException {
        Run a = Run.load(runA), b = Run.load(runB);
        if (a.accuracies.length != b.accuracies.length) {
            throw new IllegalArgumentException("runs are not paired: " + runA + " has " + a.accuracies.length + " folds, "
                    + runB + " has " + b.accuracies.length + "; train both with the same --folds, --repeats and --seed");
        }
        if (!a.splitKey.equals(b.splitKey)) {
            throw new IllegalArgumentException("runs are not paired: they differ in data, protocol, folds, repeats or seed ("
                    + a.splitKey + " vs " + b.splitKey + ")");
        }
        double ratio = 1.0 / (a.folds - 1);   // test/train size ratio of k-fold
        PairedComparison p = PairedComparison.of(a.accuracies, b.accuracies, ratio);
        System.out.printf("%-28s accuracy %.3f%n", a.name, mean(a.accuracies));
        System.out.printf("%-28s accuracy %.3f%n", b.name, mean(b.accuracies));
        System.out.printf("difference (B - A)           %+.3f   95%% CI [%+.3f, %+.3f] over %d paired folds%n",
                p.meanDifference(), p.ciLow(), p.ciHigh(), p.n());
        System.out.printf("paired t-test                p = %.4g%n", p.tTestP());
        System.out.printf("Wilcoxon signed-rank         p = %.4g%n", p.wilcoxonP());
        System.out.printf("corrected resampled t-test   p = %.4g   (Nadeau & Bengio; folds share training data)%n", p.correctedTTestP());
        return 0;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    /** What compare needs from a run folder: results.json and run.json. */
    record Run(String name, double[] accuracies, String splitKey, int folds) {
        static Run load(Path dir) throws IOException {
            Path results = dir.resolve("results.json"), config = dir.resolve("run.json");
            for (Path p : new Path[] {results, config}) {
                if (!Files.isRegularFile(p)) throw new IOException(p + ": not found; is " + dir + " a finished run folder?");
            }
            try {
                JsonObject r = JsonParser.parseString(Files.readString(results)).getAsJsonObject();
                JsonObject c = JsonParser.parseString(Files.readString(config)).getAsJsonObject().getAsJsonObject("config");
                double[] acc = new double[r.getAsJsonArray("fold_accuracies").size()];
                for (int i = 0; i < acc.length; i++) acc[i] = r.getAsJsonArray("fold_accuracies").get(i).getAsDouble();
                String key = RunRecord.splitKey(c);
                return new Run(r.get("name").getAsString(), acc, key, c.get("folds").getAsInt());
            } catch (RuntimeException e) {
                throw new IOException(dir + ": results.json or run.json is malformed: " + e.getMessage(), e);
            }
        }
    }
}
