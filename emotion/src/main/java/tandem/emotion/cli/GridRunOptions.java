package tandem.emotion.cli;

import picocli.CommandLine.Option;

/** What grid and study share: continuing a run, reporting without running, and the kernel threads. */
final class GridRunOptions {
    @Option(names = "--resume", description = "continue the grid in --out: finished cells are kept, an interrupted one resumes from its checkpoint")
    boolean resume;

    @Option(names = "--report-only", description = "write the report from the cells finished so far, run nothing")
    boolean reportOnly;

    @Option(names = "--threads", description = "CPU threads for the kernels (default: all cores)")
    Integer threads;
}
