// Expected errors carry a message meant for a person and an HTTP status; anything else is
// unexpected: logged with a request id, and the person sees a generic message.
import { ZodError } from "zod";

export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "VALIDATION"
  | "RATE_LIMITED"
  | "QUOTA_EXCEEDED"
  | "GONE";

const STATUS: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION: 422,
  RATE_LIMITED: 429,
  // A plan limit is not a malformed request: 403 with the limit and the usage in `details`.
  QUOTA_EXCEEDED: 403,
  GONE: 410,
};

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
    /** Machine-readable facts for API clients (a quota's limit and usage, ...). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
    this.status = STATUS[code];
  }
}

export function fieldErrorsOf(error: ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function validationError(error: ZodError, message = "Please correct the highlighted fields."): AppError {
  return new AppError("VALIDATION", message, fieldErrorsOf(error));
}

/** Prisma "record not found" (P2025) is an expected 404, not a crash. */
export function isPrismaNotFound(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "P2025";
}

/** Unique-constraint violation (P2002, or Postgres 23505 surfaced through a driver adapter). */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const e = err as { code?: string; message?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } } };
  return (
    e.code === "P2002" ||
    e.code === "23505" ||
    e.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation" ||
    /unique constraint/i.test(e.message ?? "")
  );
}

/**
 * PostgreSQL refusing text it cannot store (NUL, 22021; untranslatable, 22P05). Input is
 * validated before it gets this far (lib/schemas/text.ts); this is the net for a path that
 * was missed, so it is a 400 rather than a 500.
 */
export function isUnstorableText(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const e = err as { code?: string; cause?: { code?: string }; meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } };
  const codes = [e.code, e.cause?.code, e.meta?.driverAdapterError?.cause?.originalCode];
  return codes.some((c) => c === "22021" || c === "22P05");
}

/**
 * The database is overloaded, not the request wrong: no pooled connection came free in time.
 * - P2028 "Transaction API error: Unable to start a transaction in the given time." is what
 *   @prisma/adapter-pg gives (a PrismaClientKnownRequestError) when `$transaction` waits past
 *   its maxWait (2 s) for a connection: every pooled connection is held by other requests;
 * - P2024 "Timed out fetching a new connection from the connection pool" is the same from
 *   Prisma's own (non-adapter) engine;
 * - pg's Pool, given a connectionTimeoutMillis, rejects with a plain Error "timeout exceeded
 *   when trying to connect" (the adapter passes it through unchanged);
 * - PostgreSQL refusing a connection: 53300 too_many_connections (P2037 through Prisma).
 * A P2028 for anything else (a transaction that expired while running) stays unexpected.
 */
export function isDatabaseOverloaded(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const e = err as { code?: unknown; message?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: string; kind?: string } } } };
  const message = typeof e.message === "string" ? e.message : "";
  if (e.code === "P2028") return /unable to start a transaction in the given time/i.test(message);
  if (e.code === "P2024" || e.code === "P2037" || e.code === "53300") return true;
  const cause = e.meta?.driverAdapterError?.cause;
  if (cause?.originalCode === "53300" || cause?.kind === "TooManyConnections") return true;
  return err instanceof Error && message === "timeout exceeded when trying to connect";
}

/** Seconds a client is asked to wait (Retry-After) before repeating a request refused under load. */
export const OVERLOADED_RETRY_AFTER_SECONDS = 2;
export const OVERLOADED_MESSAGE = "The service is busy right now and could not handle this request. Try again in a few seconds.";

export type ErrorBody = {
  error: { code: string; message: string; fields?: FieldErrors; details?: Record<string, unknown>; requestId?: string };
};

/** Maps any thrown value to a status and a body safe to show (and, for a 503, a Retry-After). */
export function toErrorBody(err: unknown, requestId?: string): { status: number; body: ErrorBody; retryAfterSeconds?: number } {
  if (err instanceof AppError) {
    return {
      status: err.status,
      body: { error: { code: err.code, message: err.message, fields: err.fieldErrors, details: err.details, requestId } },
    };
  }
  if (err instanceof ZodError) {
    const e = validationError(err);
    return { status: 422, body: { error: { code: e.code, message: e.message, fields: e.fieldErrors, requestId } } };
  }
  if (isPrismaNotFound(err)) {
    return { status: 404, body: { error: { code: "NOT_FOUND", message: "Not found.", requestId } } };
  }
  if (isUnstorableText(err)) {
    console.warn(`[error] request ${requestId ?? "-"}: unvalidated text reached the database`, err);
    const message = "The request contains characters that cannot be stored (such as NUL).";
    return { status: 400, body: { error: { code: "BAD_REQUEST", message, requestId } } };
  }
  if (isDatabaseOverloaded(err)) {
    // Load, not a bug: one line, not a stack per refused request while the pool is exhausted.
    console.warn(`[error] request ${requestId ?? "-"}: database busy (${(err as { code?: string }).code ?? (err as Error).message}), answered 503`);
    return {
      status: 503,
      body: { error: { code: "UNAVAILABLE", message: OVERLOADED_MESSAGE, requestId } },
      retryAfterSeconds: OVERLOADED_RETRY_AFTER_SECONDS,
    };
  }
  console.error(`[error] request ${requestId ?? "-"}:`, err);
  return {
    status: 500,
    body: {
      error: {
        code: "INTERNAL",
        message: `Something went wrong on our side. If it keeps happening, quote request id ${requestId ?? "-"}.`,
        requestId,
      },
    },
  };
}
