package tandem.tensor;

/** Element types. F32 is the working type everywhere; F64 exists on the CPU for gradient checks. */
public enum DType {
    F32(4), F64(8);

    private final int bytes;

    DType(int bytes) { this.bytes = bytes; }

    public int bytes() { return bytes; }
}
