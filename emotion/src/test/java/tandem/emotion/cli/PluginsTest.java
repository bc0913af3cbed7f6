package tandem.emotion.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where plugin jars come from: --plugin anywhere on the line (up to --), and TANDEM_PLUGINS. */
class PluginsTest {
    @Test
    void pluginOptionsAreTakenOutOfTheCommandLine() {
        Plugins.CommandLine line = Plugins.extract(new String[] {"--plugin", "a.jar", "train", "--plugin=b.jar", "--out", "x", "--", "--plugin", "c"});
        assertEquals(List.of(Path.of("a.jar"), Path.of("b.jar")), line.jars());
        assertArrayEquals(new String[] {"train", "--out", "x", "--", "--plugin", "c"}, line.args());
        assertThrows(IllegalArgumentException.class, () -> Plugins.extract(new String[] {"summary", "--plugin"}));
    }

    @Test
    void theVariableListsJarsLikeAClassPath() {
        assertEquals(List.of(Path.of("a.jar"), Path.of("/x/b.jar")), Plugins.fromVariable("a.jar" + File.pathSeparator + File.pathSeparator + " /x/b.jar"));
        assertEquals(List.of(), Plugins.fromVariable(null));
        assertEquals(List.of(), Plugins.fromVariable(" "));
    }
}
