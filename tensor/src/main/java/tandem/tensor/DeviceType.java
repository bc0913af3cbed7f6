package tandem.tensor;

/** The kinds of device a backend can drive. */
public enum DeviceType {
    CPU("tandem-kernels (the cpu backend)"),
    OPENCL("tandem-kernels with JOCL (org.jocl:jocl) and an OpenCL driver (libOpenCL.so.1, e.g. Debian's pocl-opencl-icd)"),
    CUDA("tandem-kernels with JCuda (org.jcuda:jcuda) and an NVIDIA driver (libcuda.so)");

    private final String whatToAdd;

    DeviceType(String whatToAdd) { this.whatToAdd = whatToAdd; }

    /** What a user must put on the class path or install for this device type to work. */
    public String whatToAdd() { return whatToAdd; }
}
