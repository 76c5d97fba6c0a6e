import "server-only";

/** Keys of the files media processing derives from an answer: one folder per media file, fixed names, so a redo replaces. */
export function processedKeys(fileId: string) {
  const base = `processed/${fileId}`;
  return { mp4: `${base}/answer.mp4`, thumbnail: `${base}/thumbnail.jpg`, strip: `${base}/strip.jpg`, speech: `${base}/speech.flac` };
}
