/**
 * Datasets as manifests: a CSV of {@code clip,video,audio,label,subject,start,end} read into
 * {@link tandem.emotion.data.ManifestEntry} records by {@link tandem.emotion.data.Manifest}, with
 * errors ({@link tandem.emotion.data.ManifestException}) that name the file, the line and the problem; the classes of a
 * run by name ({@link tandem.emotion.data.LabelSet}).
 */
package tandem.emotion.data;
