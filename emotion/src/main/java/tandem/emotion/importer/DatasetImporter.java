package tandem.emotion.importer;

import java.io.IOException;
import java.nio.file.Path;

/** Turns a corpus as distributed into manifest rows, reporting every file it could not use and why. */
public interface DatasetImporter {
    /** The corpus format's name on the command line ("ravdess", "cremad", "folders"). */
    String name();

    /** Scans {@code dir} (recursively); fails only when {@code dir} cannot be read at all. */
    ImportReport scan(Path dir) throws IOException;
}
