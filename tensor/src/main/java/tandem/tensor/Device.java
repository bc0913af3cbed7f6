package tandem.tensor;

import java.util.Locale;

/**
 * A device: a type and an ordinal ({@code cpu}, {@code opencl:0}, {@code cuda:1}). The CPU has two: {@code cpu}, whose
 * backend runs the fast kernels, and {@code cpu:ref} (ordinal 1), whose backend runs every op on its plain reference,
 * so the same work can be run and timed on both paths side by side in one process.
 */
public record Device(DeviceType type, int index) {
    public static final Device CPU = new Device(DeviceType.CPU, 0);
    /** The CPU with every op on its plain reference kernel (and the fused ops composed from primitives). */
    public static final Device CPU_REFERENCE = new Device(DeviceType.CPU, 1);
    private static final String REFERENCE_NAME = "cpu:ref";

    public Device {
        if (index < 0) throw new IllegalArgumentException("device index must be >= 0, got " + index);
    }

    /** Parses {@code cpu}, {@code cpu:ref}, {@code opencl}, {@code opencl:1}, {@code cuda:0}. */
    public static Device parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.equals(REFERENCE_NAME)) return CPU_REFERENCE;
        int colon = s.indexOf(':');
        String name = colon < 0 ? s : s.substring(0, colon);
        int index = 0;
        if (colon >= 0) {
            try {
                index = Integer.parseInt(s.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad device '" + text + "': index after ':' must be an integer");
            }
        }
        for (DeviceType t : DeviceType.values()) {
            if (t.name().toLowerCase(Locale.ROOT).equals(name)) return new Device(t, index);
        }
        throw new IllegalArgumentException("unknown device '" + text + "': expected cpu, cpu:ref, opencl[:N] or cuda[:N]");
    }

    @Override
    public String toString() {
        String n = type.name().toLowerCase(Locale.ROOT);
        if (equals(CPU_REFERENCE)) return REFERENCE_NAME;
        return type == DeviceType.CPU && index == 0 ? n : n + ":" + index;
    }
}
