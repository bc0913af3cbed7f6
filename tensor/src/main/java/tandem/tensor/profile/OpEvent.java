package tandem.tensor.profile;

/**
 * One recorded backend call, as the trace shows it: the shapes of its tensor inputs and outputs, nanoseconds from
 * the start of the recording, and {@code deviceNanos}, the device's own measure of the kernels the call launched
 * (-1 where there is none).
 */
record OpEvent(String op, Phase phase, String module, String function, int[][] inputs, int[][] outputs, String dtype,
               String device, long startNanos, long wallNanos, long deviceNanos, int kernels, double flops, double bytes) {}
