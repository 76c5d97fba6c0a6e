import "server-only";

// The one grammar for a recording's mime type, shared by the take routes (what a recorder may
// declare: lib/server/candidates/take-limits.ts), what finaliseTake stores, and what a playback
// URL may sign and serve (playback-signature.ts). Two grammars let a type pass the first and fail
// the second, and a stored answer then broke every page that shows it.

export type VideoContainer = "webm" | "mp4";
export type VideoMime = { container: VideoContainer; type: string };

/** Longest declared type taken (MediaRecorder's are under 60 characters). */
const MAX_LENGTH = 200;
/** Any control character (tab included) or anything outside printable ASCII: refused, not cleaned. */
const NOT_PRINTABLE = /[^ -~]/;
/** video/webm or video/mp4; parameters follow. */
const HEAD = /^video\/(webm|mp4)(?=;| |$)/i;
/** One parameter: `; name=value`, value a token or a quoted string (codecs="vp9, opus"); spaces around ';' tolerated. */
const PARAM = /^ *; *([a-z0-9-]+)=("[a-z0-9.,+ -]*"|[a-z0-9.,+-]*) */i;

/**
 * A recorder's type as stored and served: `video/<container>` in lower case, then each
 * parameter as `;name=value` (name in lower case, value as given), no other spaces. Null for
 * anything else: another type, a control character, a malformed parameter, over 200 characters.
 */
export function parseVideoMime(value: unknown): VideoMime | null {
  if (typeof value !== "string" || value.length > MAX_LENGTH || NOT_PRINTABLE.test(value)) return null;
  const text = value.trim();
  const head = HEAD.exec(text);
  if (!head) return null;
  const container = head[1]!.toLowerCase() as VideoContainer;
  let type = `video/${container}`;
  let rest = text.slice(head[0].length);
  while (rest.length > 0) {
    const param = PARAM.exec(rest);
    if (!param || param[0].length === 0) return null;
    type += `;${param[1]!.toLowerCase()}=${param[2]!}`;
    rest = rest.slice(param[0].length);
  }
  return { container, type };
}

/** Whether `value` is a type exactly as parseVideoMime writes it (the only ones signed and served). */
export function isNormalVideoMime(value: unknown): value is string {
  return typeof value === "string" && parseVideoMime(value)?.type === value;
}

/**
 * The type to sign and show for a stored recording: its stored type normalised, else (a value
 * stored before types were normalised) `video/<container>` from the stored type's start or the
 * file's extension; null when neither names WebM or MP4.
 */
export function playableVideoType(file: { mimeType: string; path: string }): string | null {
  const parsed = parseVideoMime(file.mimeType);
  if (parsed) return parsed.type;
  const container = /^\s*video\/(webm|mp4)\b/i.exec(file.mimeType)?.[1] ?? /\.(webm|mp4)$/i.exec(file.path)?.[1];
  return container ? `video/${container.toLowerCase()}` : null;
}
