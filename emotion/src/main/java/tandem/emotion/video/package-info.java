/**
 * Video input and output through JavaCV's FFmpeg bindings, and the preparation of the video
 * branch's input.
 *
 * <ul>
 *   <li>{@link tandem.emotion.video.VideoReader} decodes MP4/H.264 (or anything the bundled FFmpeg
 *       opens) and reads frames by time; {@link tandem.emotion.video.ImageSequenceReader} does the
 *       same for a folder of numbered PNG/JPEG frames. Both are
 *       {@link tandem.emotion.video.FrameSource}s.</li>
 *   <li>{@link tandem.emotion.video.ClipSampler} turns a segment into a {@code (3, T, H, W)} float
 *       array: uniform frame sampling, centred square crop (Tandem has no landmark detector, so the
 *       face is assumed centred), bilinear resize, ImageNet normalisation.</li>
 *   <li>{@link tandem.emotion.video.VideoWriter} writes MP4 files atomically with the best encoder
 *       the bundled FFmpeg has ({@link tandem.emotion.video.VideoEncoder}: x264, then OpenH264 -
 *       which the JavaCPP build ships - then MPEG-4 Part 2), optionally with an AAC sound track.</li>
 *   <li>{@link tandem.emotion.video.AudioTrackReader} decodes a container's sound track to mono samples, for
 *       manifests whose audio is {@code from-video}.</li>
 * </ul>
 * Unusable files raise {@link tandem.emotion.video.MediaFileException}, whose message starts with the file.
 */
package tandem.emotion.video;
