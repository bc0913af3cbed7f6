package tandem.emotion.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Compares with librosa.feature.mfcc itself, on a signal both sides build from the same formula
 * (see librosa_reference.py beside the reference file). librosa works in float32, so agreement is
 * to float32 precision of values up to ~500.
 */
class MfccLibrosaReferenceTest {

    private static final int SR = 44100;

    private static float[] signal() {
        float[] y = new float[(int) (0.6 * SR)];
        for (int i = 0; i < y.length; i++) {
            double t = i / (double) SR;
            y[i] = t < 0.45 ? (float) (0.5 * Math.sin(2 * Math.PI * 440 * t)
                    + 0.25 * t * Math.sin(2 * Math.PI * 3000 * t + 0.7)
                    + 0.05 * Math.sin(2 * Math.PI * (200 + 4000 * t) * t)) : 0f;
        }
        return y;
    }

    private static double[][] reference() throws IOException {
        InputStream in = MfccLibrosaReferenceTest.class.getResourceAsStream("librosa-mfcc-reference.txt");
        assertNotNull(in, "librosa-mfcc-reference.txt missing from test resources");
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) continue;
                String[] parts = line.trim().split("\\s+");
                double[] row = new double[parts.length];
                for (int i = 0; i < parts.length; i++) row[i] = Double.parseDouble(parts[i]);
                rows.add(row);
            }
        }
        return rows.toArray(new double[0][]);
    }

    @Test
    void matchesLibrosa() throws IOException {
        double[][] ref = reference();
        float[][] ours = new Mfcc(MfccConfig.librosaDefaults(SR)).compute(signal());
        assertEquals(13, ref.length);
        assertEquals(ref.length, ours.length);
        for (int j = 0; j < ref.length; j++) {
            assertEquals(ref[j].length, ours[j].length);
            for (int t = 0; t < ref[j].length; t++) {
                assertEquals(ref[j][t], ours[j][t], 1e-3 + 1e-5 * Math.abs(ref[j][t]), "c" + j + " frame " + t);
            }
        }
    }
}
