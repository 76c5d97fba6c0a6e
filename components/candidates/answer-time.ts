// Shared by the server-rendered review page and the client seek buttons (a "use client" module's
// plain functions cannot be called while rendering on the server).

/** The id of an answer's video element, so the analysis beside it can seek it. */
export const answerVideoId = (questionId: string) => `answer-video-${questionId}`;

/** Seconds as mm:ss (minutes keep counting past an hour: answers are minutes long). */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}
