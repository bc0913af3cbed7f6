package tandem.emotion.cli;

import picocli.CommandLine.IVersionProvider;
import tandem.tensor.Tandem;

/** {@code --version}: the version the build wrote ({@link Tandem#version()}), the same string the poms carry. */
public final class TandemVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"Tandem " + Tandem.version()};
    }
}
