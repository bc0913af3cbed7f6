package tandem.emotion.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tandem.emotion.data.Manifest;
import tandem.emotion.importer.CremadImporter;
import tandem.emotion.importer.DatasetImporter;
import tandem.emotion.importer.FolderImporter;
import tandem.emotion.importer.ImportReport;
import tandem.emotion.importer.RavdessImporter;

/** Writes a manifest for a public corpus as distributed, or for any tree with one folder per label. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Write a manifest for a corpus folder: ravdess, cremad, or folders (one sub-folder per label). Prints the clips"
                + " per label and per subject and every skipped file with the reason.",
        subcommands = {ImportCommand.Ravdess.class, ImportCommand.Cremad.class, ImportCommand.Folders.class})
public final class ImportCommand implements Runnable {
    @Spec
    private CommandSpec command;

    @Override
    public void run() {
        throw new ParameterException(command.commandLine(), "name the corpus format: tandem import ravdess|cremad|folders DIR --out MANIFEST");
    }

    /** What every format shares: the folder, the manifest to write, and the summary. */
    abstract static class Format implements Callable<Integer> {
        @Spec
        CommandSpec command;

        @Parameters(index = "0", paramLabel = "DIR", description = "the corpus folder (searched recursively)")
        Path dir;

        @Option(names = "--out", required = true, paramLabel = "MANIFEST", description = "the manifest CSV to write (paths relative to it)")
        Path out;

        @Option(names = "--overwrite", description = "replace an existing --out file")
        boolean overwrite;

        abstract DatasetImporter importer();

        @Override
        public Integer call() throws IOException {
            if (Files.exists(out) && !overwrite) {
                throw new IOException("--out " + out + " already exists; pass --overwrite to replace it");
            }
            ImportReport report = importer().scan(dir);
            PrintWriter o = command.commandLine().getOut();
            o.print(report.summary());
            o.flush();
            if (report.clips().isEmpty()) throw new IOException(dir + ": no clips found (the skipped files and reasons are listed above)");
            Files.createDirectories(out.toAbsolutePath().getParent());
            Manifest.write(out, report.clips());
            o.println("wrote " + out + " (" + report.clips().size() + " clips); train on it with: ./tandem train --data " + out + " ...");
            o.flush();
            return 0;
        }
    }

    @Command(name = "ravdess", mixinStandardHelpOptions = true,
            description = "RAVDESS: Actor_NN folders of MM-VV-EE-II-SS-RR-AA.mp4/.wav files; the audio-visual, video-only and"
                    + " audio-only files of one recording become one clip with RAVDESS's eight emotion labels.")
    static final class Ravdess extends Format {
        @Option(names = "--channel", defaultValue = "speech", description = "speech, song or both (default: ${DEFAULT-VALUE})")
        String channel;

        @Override
        DatasetImporter importer() { return new RavdessImporter(RavdessImporter.Channel.parse(channel)); }
    }

    @Command(name = "cremad", mixinStandardHelpOptions = true,
            description = "CREMA-D: video (VideoFlash, VideoMP4) and AudioWAV folders of ActorID_Sentence_Emotion_Level files; a"
                    + " video and the WAV of the same name make a clip.")
    static final class Cremad extends Format {
        @Override
        DatasetImporter importer() { return new CremadImporter(); }
    }

    @Command(name = "folders", mixinStandardHelpOptions = true,
            description = "One sub-folder per label: DIR/<label>/.../<clip>.mp4 (and <clip>.wav beside it, else the video's own sound).")
    static final class Folders extends Format {
        @Option(names = "--subject", defaultValue = FolderImporter.DEFAULT_SUBJECT, paramLabel = "REGEX",
                description = "regular expression on the path below DIR ('/' separated) whose first group is the subject"
                        + " (default: ${DEFAULT-VALUE}, the folder below the label's)")
        String subject;

        @Override
        DatasetImporter importer() { return new FolderImporter(subject); }
    }
}
