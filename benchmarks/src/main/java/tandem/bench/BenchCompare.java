package tandem.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./tandem bench compare OLD.json NEW.json}: the ratio of every row's median time, new over old, and a
 * verdict against the noise those two rows measured. A row's noise is the sum of the two runs' spreads (interquartile
 * range over median of its repeats), and never less than {@code --tolerance}: two runs of the same code on a
 * steady machine stay inside it; a slower kernel does not.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compare two results of bench --out: per-row time ratios (new / old), and the rows that got slower"
                + " beyond the noise their repeats measured.")
final class BenchCompare implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "the baseline (bench --out FILE)")
    Path oldFile;

    @Parameters(index = "1", paramLabel = "NEW", description = "the run to judge")
    Path newFile;

    @Option(names = "--tolerance", defaultValue = "5", paramLabel = "PCT",
            description = "the smallest slowdown ever called a regression, in percent; noisy rows get more (default: ${DEFAULT-VALUE})")
    double tolerancePercent;

    @Option(names = "--fail-on-regression", description = "exit with status 1 when any row regressed (for CI)")
    boolean failOnRegression;

    /** One matched row: its verdict and what it rests on. */
    record Verdict(String key, double oldMs, double newMs, double noise, String call) {
        double ratio() { return newMs / oldMs; }

        boolean regressed() { return call.equals("SLOWER"); }
    }

    @Override
    public Integer call() throws Exception {
        if (!(tolerancePercent >= 0)) throw new IllegalArgumentException("--tolerance must be a percentage >= 0, got " + tolerancePercent);
        PrintWriter out = spec.commandLine().getOut();
        BenchReport before = BenchReport.read(oldFile), after = BenchReport.read(newFile);
        out.println("old: " + oldFile + "  " + describe(before));
        out.println("new: " + newFile + "  " + describe(after));
        for (String w : before.warnings()) out.println("warning (old): " + w);
        for (String w : after.warnings()) out.println("warning (new): " + w);
        for (String d : environmentDifferences(before.environment(), after.environment())) out.println("note: " + d);

        List<Verdict> verdicts = compare(before, after, tolerancePercent / 100);
        out.println();
        out.printf(Locale.ROOT, "%-36s %11s %11s %8s %8s  %s%n", "row", "old ms", "new ms", "ratio", "noise", "verdict");
        for (Verdict v : verdicts) {
            out.printf(Locale.ROOT, "%-36s %11.3f %11.3f %7.3fx %7.1f%%  %s%n", v.key(), v.oldMs(), v.newMs(), v.ratio(), 100 * v.noise(), v.call());
        }
        Map<String, BenchReport.Row> newRows = byKey(after.rows()), oldRows = byKey(before.rows());
        for (String k : oldRows.keySet()) if (!newRows.containsKey(k)) out.println("only in old: " + k);
        for (String k : newRows.keySet()) if (!oldRows.containsKey(k)) out.println("only in new: " + k);
        List<String> slower = verdicts.stream().filter(Verdict::regressed).map(Verdict::key).toList();
        out.println();
        out.println(slower.isEmpty() ? "no regression beyond the noise in " + verdicts.size() + " rows"
                : slower.size() + " of " + verdicts.size() + " rows slower beyond the noise: " + String.join(", ", slower));
        out.flush();
        return failOnRegression && !slower.isEmpty() ? 1 : 0;
    }

    /** Verdicts for the rows present in both runs, in the new run's order. */
    static List<Verdict> compare(BenchReport before, BenchReport after, double tolerance) {
        Map<String, BenchReport.Row> old = byKey(before.rows());
        List<Verdict> out = new ArrayList<>();
        for (BenchReport.Row now : after.rows()) {
            BenchReport.Row was = old.get(now.key());
            if (was == null) continue;
            double noise = Math.max(tolerance, spread(was) + spread(now));
            double ratio = now.ms() / was.ms();
            String call = ratio > 1 + noise ? "SLOWER" : ratio < 1 / (1 + noise) ? "faster" : "same";
            out.add(new Verdict(now.key(), was.ms(), now.ms(), noise, call));
        }
        return out;
    }

    private static double spread(BenchReport.Row r) { return r.spread() == null ? 0 : r.spread(); }

    private static Map<String, BenchReport.Row> byKey(List<BenchReport.Row> rows) {
        Map<String, BenchReport.Row> m = new LinkedHashMap<>();
        for (BenchReport.Row r : rows) m.put(r.key(), r);
        return m;
    }

    private static String describe(BenchReport r) {
        BenchEnvironment e = r.environment();
        if (e == null) return "(an older result without environment: noise unknown, the tolerance alone decides)";
        return String.format(Locale.ROOT, "commit %s, %s, JDK %s, %s", e.commit(), e.started(), e.jdk(), e.cpu());
    }

    /** What differs between the two machines or JVMs, beyond the commit: the ratios then measure that too. */
    static List<String> environmentDifferences(BenchEnvironment a, BenchEnvironment b) {
        List<String> d = new ArrayList<>();
        if (a == null || b == null) return d;
        if (!a.cpu().equals(b.cpu())) d.add("different CPUs: " + a.cpu() + " / " + b.cpu());
        if (!a.isa().equals(b.isa()) || a.floatLanes() != b.floatLanes()) {
            d.add("different vector ISA: " + a.isa() + ", " + a.floatLanes() + " lanes / " + b.isa() + ", " + b.floatLanes() + " lanes");
        }
        if (!a.jdk().equals(b.jdk())) d.add("different JDKs: " + a.jdk() + " / " + b.jdk());
        if (a.cores() != b.cores()) d.add("different core counts: " + a.cores() + " / " + b.cores());
        return d;
    }
}
