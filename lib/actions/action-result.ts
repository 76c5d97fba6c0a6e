import type { FieldErrors } from "@/lib/errors";

/** What every server action returns to its form: never a thrown error, never a stack. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | {
      ok: false;
      error: string;
      fields?: FieldErrors;
      /** The AppError code (e.g. QUOTA_EXCEEDED), so a form can offer the right way out. */
      code?: string;
      /** The AppError's machine-readable details (a quota's limit and usage). */
      details?: Record<string, unknown>;
    };
