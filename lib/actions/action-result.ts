import type { FieldErrors } from "@/lib/errors";

/** What every server action returns to its form: never a thrown error, never a stack. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: string; fields?: FieldErrors };
