/**
 * Checkpoints in the safetensors format: {@link tandem.nn.io.Safetensors} reads and writes them (atomically, with
 * the reference implementation's byte layout and validation rules), {@link tandem.nn.io.StateDictCheck} compares a
 * checkpoint's tensors with those a model expects, and {@link tandem.nn.io.AtomicFiles} replaces any file all at
 * once. Tensor names follow PyTorch's {@code state_dict} so that weights move between the two.
 */
package tandem.nn.io;
