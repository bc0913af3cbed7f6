package tandem.emotion.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}: the full account behind a summarised error, such as every tensor a checkpoint lacks (picocli mixin). */
final class VerboseOption {
    static final String NAME = "--verbose";

    @Option(names = NAME, description = "on an error that summarises a list (a checkpoint that does not fit the model), print the whole list")
    boolean verbose;
}
