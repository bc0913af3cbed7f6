package tandem.emotion.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** One {@link Main#run} with its standard output and error captured. */
record CliRun(int exitCode, String out, String err) {
    static synchronized CliRun of(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.run(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    List<String> outLines() { return Arrays.stream(out.split("\\R")).filter(l -> !l.isBlank()).toList(); }

    /** The error output's lines, without the JVM's own warnings (e.g. about the incubator module). */
    List<String> errLines() {
        return Arrays.stream(err.split("\\R")).filter(l -> !l.isBlank() && !l.startsWith("WARNING")).toList();
    }
}
