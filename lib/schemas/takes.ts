// What the candidate flow's take endpoints answer (POST /i/<token>/takes and
// …/takes/<id>/finalise): written by startTake/finaliseTake on the server, read by the
// recorder's take-api in the browser. Types only, so the browser bundle takes nothing from here.

export type StartedTake = {
  takeId: string;
  /** tus creation endpoint; the upload itself then lives at `${uploadUrl}/${takeId}`. */
  uploadUrl: string;
  /** Send as the Upload-Grant header on every tus request of this take. */
  grant: string;
  maxBytes: number;
  /** The largest PATCH body this deployment takes (lib/server/uploads/upload-chunk-size.ts). */
  maxChunkBytes: number;
  attempt: number;
};

export type FinalisedTake = {
  responseId: string;
  mediaFileId: string;
  bytes: number;
  sha256: string;
  durationSeconds: number;
};
