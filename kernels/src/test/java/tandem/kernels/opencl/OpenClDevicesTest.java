package tandem.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;

/** Device selection by -Dtandem.opencl.device (index or name text), and the errors that list what exists. */
class OpenClDevicesTest {
    private String saved;
    private List<OpenClDevices.Found> all;

    @BeforeEach
    void needsOpenCl() {
        saved = System.getProperty(OpenClDevices.PROPERTY);
        try {
            all = OpenClDevices.all();
        } catch (IllegalStateException e) {
            Assumptions.abort(e.getMessage());
        }
        Assumptions.assumeFalse(all.isEmpty(), "no OpenCL device");
    }

    @AfterEach
    void restore() {
        if (saved == null) System.clearProperty(OpenClDevices.PROPERTY);
        else System.setProperty(OpenClDevices.PROPERTY, saved);
    }

    @Test
    void selectsByIndexAndByNameText() {
        System.setProperty(OpenClDevices.PROPERTY, "0");
        assertEquals(all.get(0).label(), OpenClDevices.select(0).label());
        String text = all.get(0).deviceName().substring(0, Math.min(6, all.get(0).deviceName().length())).toUpperCase();
        System.setProperty(OpenClDevices.PROPERTY, text);
        assertTrue(OpenClDevices.select(0).label().toUpperCase().contains(text), "case-insensitive name match");
    }

    @Test
    void noMatchListsTheDevicesThatExist() {
        System.setProperty(OpenClDevices.PROPERTY, "no-such-accelerator");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OpenClDevices.select(0));
        assertTrue(e.getMessage().contains("no-such-accelerator") && e.getMessage().contains(all.get(0).deviceName()), e.getMessage());
        System.clearProperty(OpenClDevices.PROPERTY);
        IllegalStateException beyond = assertThrows(IllegalStateException.class, () -> OpenClDevices.select(all.size()));
        assertTrue(beyond.getMessage().contains("opencl:" + all.size()), beyond.getMessage());
    }
}
