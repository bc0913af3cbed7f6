/**
 * Manifests from the public audio-visual emotion corpora a lab starts from: RAVDESS ({@link
 * tandem.emotion.importer.RavdessImporter}, file-name codes), CREMA-D ({@link tandem.emotion.importer.CremadImporter},
 * ActorID_Sentence_Emotion_Level) and any tree with one folder per label ({@link
 * tandem.emotion.importer.FolderImporter}). Each importer pairs video with audio, checks every file it finds, and
 * reports what it made of them ({@link tandem.emotion.importer.ImportReport}): clips per label and subject, and every
 * skipped file with the reason.
 */
package tandem.emotion.importer;
