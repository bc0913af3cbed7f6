package tandem.emotion.cli;

import picocli.CommandLine.Option;

/** {@code --seed}, shared by every command that draws random numbers (picocli mixin). */
final class SeedOption {
    @Option(names = "--seed", defaultValue = "1", description = "seed of everything random (default: ${DEFAULT-VALUE})")
    long seed;
}
