package tandem.nn.io;

import java.util.Optional;
import tandem.tensor.DType;

/**
 * Element types named by the safetensors format. The declaration order is the format's own: writers sort
 * tensors by it, descending, so that wider (more strictly aligned) types come first and every tensor starts at
 * a multiple of its element size.
 */
public enum SafetensorsDType {
    BOOL(1), U8(1), I8(1), F8_E5M2(1), F8_E4M3(1),
    I16(2), U16(2), F16(2), BF16(2),
    I32(4), U32(4), F32(4),
    F64(8), I64(8), U64(8);

    private final int bytes;

    SafetensorsDType(int bytes) { this.bytes = bytes; }

    /** Bytes per element. */
    public int bytes() { return bytes; }

    /**
     * The Tandem type a tensor of this type loads as: F32 for 32- and 16-bit floats, F64 for F64 and for integers
     * and booleans (exact up to 2^53); empty for 8-bit floats, which do not load.
     */
    public Optional<DType> loadsAs() {
        return switch (this) {
            case F32, F16, BF16 -> Optional.of(DType.F32);
            case F8_E5M2, F8_E4M3 -> Optional.empty();
            default -> Optional.of(DType.F64);
        };
    }

    /** The type with this exact (upper-case) name, as it appears in a header. */
    public static Optional<SafetensorsDType> parse(String name) {
        for (SafetensorsDType t : values()) {
            if (t.name().equals(name)) return Optional.of(t);
        }
        return Optional.empty();
    }
}
