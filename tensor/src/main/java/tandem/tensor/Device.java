package tandem.tensor;

import java.util.Locale;

/** A device: a type and an ordinal ({@code cpu}, {@code opencl:0}, {@code cuda:1}). */
public record Device(DeviceType type, int index) {
    public static final Device CPU = new Device(DeviceType.CPU, 0);

    public Device {
        if (index < 0) throw new IllegalArgumentException("device index must be >= 0, got " + index);
    }

    /** Parses {@code cpu}, {@code opencl}, {@code opencl:1}, {@code cuda:0}. */
    public static Device parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
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
        throw new IllegalArgumentException("unknown device '" + text + "': expected cpu, opencl[:N] or cuda[:N]");
    }

    @Override
    public String toString() {
        String n = type.name().toLowerCase(Locale.ROOT);
        return type == DeviceType.CPU ? n : n + ":" + index;
    }
}
