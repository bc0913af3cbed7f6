package tandem.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import tandem.emotion.grid.Cell;
import tandem.emotion.grid.GridRun;
import tandem.emotion.train.Experiment;
import tandem.nn.io.AtomicFiles;

/** The driver's side: one Spark task per pending cell, results collected into the run folder. */
final class SparkCells {
    private SparkCells() {}

    /** The task's own exception where Spark passed it on, else Spark's message without its stack trace. */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t instanceof SparkException) t = t.getCause();
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int trace = m.indexOf("\tat ");
        return (trace > 0 ? m.substring(0, trace) : m).strip();
    }

    static void run(GridRun run, String master, int taskCpus, Consumer<String> log) throws IOException {
        if (taskCpus < 1) throw new IllegalArgumentException("--task-cpus must be at least 1, got " + taskCpus);
        run.prepareData(log);                          // on the driver, once, before any task needs the corpora
        run.checkSplits();                             // a spec that cannot split its data fails here, not in a task
        for (String note : run.spec().notes()) log.accept("note: " + note);
        List<String> pending = run.pending().stream().map(Cell::id).toList();
        log.accept("grid " + run.spec().name() + ": " + run.cells().size() + " cells, " + pending.size() + " to run on Spark");
        if (pending.isEmpty()) return;
        SparkConf conf = new SparkConf().setAppName("tandem grid: " + run.spec().name())
                .set("spark.task.cpus", Integer.toString(taskCpus))
                .setIfMissing("spark.ui.enabled", "false");
        if (master != null) conf.setMaster(master);
        else if (!conf.contains("spark.master")) throw new IllegalArgumentException("no Spark master: give --spark local[N] or spark://HOST:7077");
        if (conf.get("spark.master").startsWith("local")) {
            // embedded: everything stays in this JVM, so listen on the loopback interface only
            conf.setIfMissing("spark.driver.host", "127.0.0.1").setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        String dir = run.dir().toString();
        List<CellTask.Done> done;
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            log.accept("spark " + sc.version() + ", master " + sc.master() + ", " + sc.defaultParallelism() + " task slot(s)");
            done = sc.parallelize(pending, pending.size()).map(id -> CellTask.run(dir, id, taskCpus)).collect();
        } catch (Exception e) {     // Spark's Scala code throws SparkException without declaring it
            throw new IllegalStateException("a cell failed on Spark (finished cells are kept; fix the cause and --resume): "
                    + rootMessage(e), e);
        }
        // collected by the driver: a result a worker could only write to its own disk still reaches the run folder
        for (CellTask.Done d : done) {
            Path result = Cell.parse(d.cell()).dir(run.dir()).resolve(Experiment.RESULT_FILE);
            if (!Files.exists(result)) {
                Files.createDirectories(result.getParent());
                AtomicFiles.writeString(result, d.resultJson());
            }
        }
    }
}
