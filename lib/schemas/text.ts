// The one text field type for input people type: names, filters, anything stored or echoed.
// PostgreSQL cannot store NUL (a 500 from the database), a lone surrogate is not Unicode
// (invalid UTF-8 on the wire, a 500 or mojibake later), and other control characters have no
// business in a name yet can break headers, logs and terminals. Rejecting them here gives a
// field message instead. Right-to-left text and emoji are ordinary text and pass.
import { z } from "zod";

export const CONTROL_CHARACTER_MESSAGE = "Remove the control characters (such as NUL) from this field.";
export const INVALID_UNICODE_MESSAGE = "This text contains broken characters. Retype it and try again.";

// C0 controls, DEL and C1 controls; tab, line feed and carriage return only where several
// lines make sense.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** True for text without lone surrogates or (unless `multiline`) control characters. */
export function isSafeText(value: string, { multiline = false }: { multiline?: boolean } = {}): boolean {
  return value.isWellFormed() && !(multiline ? CONTROL_EXCEPT_LINES : CONTROL).test(value);
}

/**
 * A string field that refuses control characters and invalid Unicode with a readable
 * message. `trim` strips surrounding whitespace first. Chain `.min()`, `.max()` etc. as with `z.string()`.
 */
export function text({ error, multiline = false, trim = false }: { error?: string; multiline?: boolean; trim?: boolean } = {}) {
  const base = z.string(error ? { error } : undefined);
  // Trimmed first, so a pasted trailing newline is whitespace to drop, not a control character.
  return (trim ? base.trim() : base)
    .refine((v) => v.isWellFormed(), { message: INVALID_UNICODE_MESSAGE, abort: true })
    .refine((v) => !(multiline ? CONTROL_EXCEPT_LINES : CONTROL).test(v), {
      message: CONTROL_CHARACTER_MESSAGE,
      abort: true,
    });
}

const CONTROL_ALL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * For text a person did not type but a browser sent along (an uploaded file's name): kept for
 * display, so instead of refusing it, control characters are dropped and broken Unicode
 * repaired (U+FFFD), and it is cut to `max` characters.
 */
export function cleanText(value: string, max = 200): string {
  return value.toWellFormed().replace(CONTROL_ALL, "").slice(0, max).toWellFormed();
}
