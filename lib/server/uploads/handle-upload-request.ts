// The tus 1.0 endpoint behind app/api/uploads/[[...path]] (decision 0006). @tus/server does
// the protocol (creation with Upload-Defer-Length, HEAD offset, PATCH at the current offset
// only, termination) on a local-disk FileStore in DATA_DIR/uploads, or on an S3Store when
// media storage is S3 (upload-store.ts); with S3 its per-request lock is in PostgreSQL when the
// app runs on PostgreSQL (pg-locker.ts), so several instances can serve one upload, and with the
// FileStore (one machine's disk, one process) it is tus's MemoryLocker. This module
// decides who may do what before a request reaches it:
// - every request but OPTIONS carries an upload grant (header Upload-Grant, upload-grant.ts);
//   the upload's id is the grant's take id, so a grant for one take never reaches another
//   take's upload (404, like a missing grant: ids are not an oracle); the take's own grant
//   past its expiry is a 401 grant_expired (the page renews it and resumes);
// - POST, PATCH and DELETE carry the writing page's token (Upload-Writer) and must hold the
//   take's writer lease (writer-lease.ts; Upload-Takeover: 1 takes it over);
// - the grant's maxBytes is tus's maxSize: a declared length or a Content-Length past it is a
//   413 before anything is written, and a body that runs past it is cut there (413);
// - tus's plain-text errors become JSON {error: {code, message}} with the tus headers kept,
//   and a 409 for a wrong offset carries the current one (Upload-Offset and details.offset).
// Bodies are streamed to the file (tus pipes the request stream), regrouped into 1 MiB pieces on
// the way (coalesced); at most one piece per request is held in memory.
import "server-only";
import path from "node:path";
import type { Readable } from "node:stream";
import { MemoryLocker, Server } from "@tus/server";
import type { Locker } from "@tus/utils";
import { leaseWrite } from "@/lib/db/lease-write";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { PgLocker } from "./pg-locker";
import { createUploadStore, uploadLockerKind, type UploadStore } from "./upload-store";
import { expiredUploadGrant, verifyUploadGrant, type UploadGrant } from "./upload-grant";
import { claimWriterLease, releaseWriterLease, WRITER_TOKEN } from "./writer-lease";

export const UPLOADS_PATH = "/api/uploads";
export const GRANT_HEADER = "upload-grant";
export const WRITER_HEADER = "upload-writer";
export const TAKEOVER_HEADER = "upload-takeover";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Where uploads in progress (and finished, until the caller moves them) are kept. */
export function uploadsDirectory(): string {
  return path.resolve(env.DATA_DIR, "uploads");
}

/** The stored file of an upload (its id is the take id). */
export function uploadFilePath(uploadId: string): string {
  if (!UUID.test(uploadId)) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
  return path.join(uploadsDirectory(), uploadId);
}

export type Tus = { server: Server; store: UploadStore["store"]; uploads: UploadStore; locker: Locker };
const cache = globalThis as unknown as { __tusServers?: Map<string, Tus> };

function grantOf(req: Request): UploadGrant | null {
  return verifyUploadGrant(req.headers.get(GRANT_HEADER));
}

// The grant each request was admitted with, for tus's hooks (which get the same Request):
// checked once, so a grant expiring mid-request cannot change the limits under it.
const admitted = new WeakMap<Request, UploadGrant>();

/**
 * tus's lock on an upload (uploadLockerKind): in PostgreSQL when the store is S3 and the app runs
 * on PostgreSQL (every instance sees it), else in this process. A FileStore lives on one
 * machine's disk and is served by one process, where the PostgreSQL lock only added two commits
 * to every PATCH (docs/benchmarks.md, issue 10); PGlite is one process by construction.
 */
function defaultLocker(uploads: UploadStore): Locker {
  if (uploadLockerKind(uploads.kind, env.DATABASE_URL) === "memory") return new MemoryLocker();
  // Every statement of the lock is a lease write: committed without waiting for the disk.
  return new PgLocker({ query: () => leaseWrite });
}

/** A tus server on this store and locker (tests build a second one to stand for another instance). */
export function createTus(uploads: UploadStore = createUploadStore(env), locker: Locker = defaultLocker(uploads)): Tus {
  const server = new Server({
    locker,
    path: UPLOADS_PATH,
    datastore: uploads.store,
    relativeLocation: true,
    // Same-origin only: no Access-Control-Allow-Origin for anyone.
    allowedOrigins: [],
    // Once finalised (its length declared and reached) an answer's file cannot be deleted.
    disableTerminationForFinishedUploads: true,
    // Requests reach tus only after handleUploadRequest checked the grant.
    // OPTIONS advertises no limit (each grant has its own); anything else reached tus with one.
    maxSize: (req) => (req.method === "OPTIONS" ? 0 : (admitted.get(req)?.maxBytes ?? 1)),
    namingFunction: (req) => {
      const grant = admitted.get(req);
      if (!grant) throw { status_code: 404, body: NOT_FOUND_MESSAGE };
      return grant.takeId;
    },
    getFileIdFromRequest: (_req, last) => (last && UUID.test(last) ? last : undefined),
  });
  return { server, store: uploads.store, uploads, locker };
}

/** One tus server per uploads directory and process (route modules may be bundled twice). */
export function tusServer(): Tus {
  const directory = uploadsDirectory();
  cache.__tusServers ??= new Map();
  let tus = cache.__tusServers.get(directory);
  if (!tus) {
    tus = createTus();
    cache.__tusServers.set(directory, tus);
  }
  return tus;
}

/** The stored bytes of an upload (`end` inclusive), streamed from disk or S3. */
export async function readUpload(uploadId: string, range?: { start: number; end: number }, tus: Tus = tusServer()): Promise<Readable> {
  if (!UUID.test(uploadId)) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
  return tus.uploads.read(uploadId, range);
}

const NOT_FOUND_MESSAGE = "This upload does not exist, or this upload link is not for it.";
export const GRANT_EXPIRED_MESSAGE = "This upload link has expired: ask for a new one for this answer and resume.";
const TUS_HEADERS = ["tus-resumable", "tus-version", "tus-extension", "tus-max-size", "upload-offset", "upload-length", "cache-control"];

function jsonError(status: number, code: string, message: string, headers: Headers = new Headers(), details?: Record<string, unknown>): Response {
  const out = new Headers();
  for (const name of TUS_HEADERS) {
    const value = headers.get(name);
    if (value !== null) out.set(name, value);
  }
  out.set("content-type", "application/json");
  return new Response(JSON.stringify({ error: { code, message, ...(details ? { details } : {}) } }), { status, headers: out });
}

/** The current offset of an upload, or null when it does not exist. */
async function currentOffset(id: string, tus: Tus): Promise<number | null> {
  try {
    return (await tus.store.getUpload(id)).offset;
  } catch {
    return null;
  }
}

function conflictAt(offset: number, message: string): Response {
  const headers = new Headers({ "tus-resumable": "1.0.0", "upload-offset": String(offset) });
  return jsonError(409, "CONFLICT", message, headers, { offset });
}

/** tus's plain-text error answers as JSON with a 4xx a person can act on. */
async function toJsonError(req: Request, res: Response, id: string | null, tus: Tus): Promise<Response> {
  const text = (await res.text().catch(() => "")).trim();
  const status = res.status;
  if (status === 409 && id) {
    const offset = (await currentOffset(id, tus)) ?? 0;
    return conflictAt(offset, `The upload is at byte ${offset}: send the bytes from there (ask with HEAD after any failure).`);
  }
  if (status === 413) {
    return jsonError(413, "PAYLOAD_TOO_LARGE", "This recording is larger than allowed for this answer.", res.headers, {
      maxBytes: admitted.get(req)?.maxBytes,
    });
  }
  if (status === 412) return jsonError(412, "TUS_RESUMABLE_REQUIRED", "Send Tus-Resumable: 1.0.0 (this is a tus 1.0 endpoint).", res.headers);
  if (status === 404) return jsonError(404, "NOT_FOUND", NOT_FOUND_MESSAGE, res.headers);
  if (status === 410) return jsonError(410, "GONE", "This upload no longer exists. Start the answer's upload again.", res.headers);
  if (/receiving the file|lock/i.test(text) && status >= 500) {
    // A body cut off mid-way (the client went away) or another request holding the upload.
    const offset = id ? await currentOffset(id, tus) : null;
    if (offset !== null) return conflictAt(offset, `The upload was interrupted at byte ${offset}. Ask for the offset (HEAD) and resume from there.`);
  }
  if (status >= 500 && status !== 500) {
    // 501: an extension this server does not offer (concatenation).
    return jsonError(400, "BAD_REQUEST", text || "This server does not support that tus extension.", res.headers);
  }
  if (status >= 500) {
    console.error(`[uploads] ${req.method} ${id ?? "(new)"}: tus answered ${status}: ${text}`);
    return jsonError(500, "INTERNAL", "Something went wrong storing the upload. Ask for the offset (HEAD) and resume.", res.headers);
  }
  // 400 and tus's 403s (a missing Upload-Offset or Content-Type are bad requests, not permissions).
  return jsonError(400, "BAD_REQUEST", text ? `Bad tus request: ${text}` : "Bad tus request.", res.headers);
}

/** What a PATCH body is regrouped into before tus sees it (coalesced, below). */
export const BODY_PIECE_BYTES = 1024 * 1024;

/**
 * A request body regrouped into pieces of at least `size` bytes (the last may be shorter).
 * A PATCH body arrives as the socket's ~64 KiB reads and then crosses six streams on its way
 * to the file (Next's web stream, tus's Readable.fromWeb, a PassThrough, tus's StreamLimiter,
 * the store's counting Transform, the file's WriteStream): each hop costs per piece, not per
 * byte, so 16x fewer pieces cut most of that work and turn 64 KiB file writes into 1 MiB ones
 * (server CPU per 100 MiB: docs/benchmarks.md). Bytes received before the client went away are
 * still passed on before the error, so tus stores them and the offset says where to resume.
 */
export function coalesced(body: ReadableStream<Uint8Array>, size: number = BODY_PIECE_BYTES): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let failure: { err: unknown } | null = null;
  let ended = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (failure) return controller.error(failure.err);
        if (ended) return controller.close();
        const parts: Uint8Array[] = [];
        let length = 0;
        while (length < size) {
          let step: ReadableStreamReadResult<Uint8Array>;
          try {
            step = await reader.read();
          } catch (err) {
            failure = { err };
            break;
          }
          if (step.done) {
            ended = true;
            break;
          }
          parts.push(step.value);
          length += step.value.byteLength;
        }
        if (length > 0) controller.enqueue(parts.length === 1 ? parts[0]! : Buffer.concat(parts, length));
        else if (failure) controller.error((failure as { err: unknown }).err);
        else controller.close();
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}

async function forward(tus: Tus, incoming: Request, id: string | null, grant?: UploadGrant): Promise<Response> {
  const req =
    incoming.method === "PATCH" && incoming.body
      ? new Request(incoming.url, { method: "PATCH", headers: incoming.headers, body: coalesced(incoming.body), duplex: "half" } as RequestInit)
      : incoming;
  if (grant) admitted.set(req, grant);
  const res = await tus.server.handleWeb(req);
  if (res.status < 400 || req.method === "HEAD") return res;
  return toJsonError(req, res, id, tus);
}

/** The path below /api/uploads as raw segments, or null when the URL is not under it. */
function segmentsOf(url: string): string[] | null {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return null;
  }
  if (pathname !== UPLOADS_PATH && !pathname.startsWith(`${UPLOADS_PATH}/`)) return null;
  return pathname
    .slice(UPLOADS_PATH.length)
    .split("/")
    .filter((s) => s !== "");
}

async function holdWriterLease(req: Request, uploadId: string): Promise<Response | null> {
  const writer = req.headers.get(WRITER_HEADER)?.trim() ?? "";
  if (!WRITER_TOKEN.test(writer)) {
    throw new AppError("BAD_REQUEST", "Send Upload-Writer: a random token (16–128 letters, digits, - or _) that names this page.");
  }
  const takeover = req.headers.get(TAKEOVER_HEADER)?.trim() === "1";
  const claim = await claimWriterLease({ uploadId, writerToken: writer, takeover });
  if (claim.ok) return null;
  const retryAfterSeconds = Math.max(1, Math.ceil((claim.expiresAt.getTime() - Date.now()) / 1000));
  return jsonError(
    409,
    "CONFLICT",
    "Another tab or device is uploading this answer. Close it, or take over the upload here.",
    new Headers({ "tus-resumable": "1.0.0", "retry-after": String(retryAfterSeconds) }),
    { reason: "writer_fenced", retryAfterSeconds },
  );
}

/**
 * Answers one request to /api/uploads[/<take id>]. Throws AppError for refusals the route
 * wrapper (lib/http.ts route()) turns into JSON.
 */
export async function handleUploadRequest(req: Request, tus: Tus = tusServer()): Promise<Response> {
  const segments = segmentsOf(req.url);
  if (req.method === "OPTIONS") return forward(tus, req, null);
  // tus's GET would serve the file: recordings are played back through signed URLs instead.
  if (req.method === "GET" || segments === null || segments.length > 1) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
  const grant = grantOf(req);
  if (!grant) {
    // A grant this server signed for this very upload, only out of time: 401 grant_expired, and
    // the page renews it (POST /i/<token>/takes/<id>/grant). Anything else stays a 404 below.
    const expired = expiredUploadGrant(req.headers.get(GRANT_HEADER));
    if (expired && (segments.length === 0 ? req.method === "POST" : segments[0] === expired.takeId)) {
      throw new AppError("UNAUTHORIZED", GRANT_EXPIRED_MESSAGE, undefined, { reason: "grant_expired" });
    }
  }

  if (segments.length === 0) {
    if (req.method !== "POST") throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
    if (!grant) throw new AppError("UNAUTHORIZED", "This upload link is invalid or has expired. Reload the page to get a new one.");
    if (req.headers.get("upload-concat") !== null) throw new AppError("BAD_REQUEST", "Parallel (concatenated) uploads are not supported.");
    const fenced = await holdWriterLease(req, grant.takeId);
    if (fenced) return fenced;
    const existing = await currentOffset(grant.takeId, tus);
    if (existing !== null) {
      const res = conflictAt(existing, `This answer's upload already exists at byte ${existing}: resume it at ${UPLOADS_PATH}/${grant.takeId}.`);
      res.headers.set("location", `${UPLOADS_PATH}/${grant.takeId}`);
      return res;
    }
    return forward(tus, req, grant.takeId, grant);
  }

  const id = segments[0]!;
  if (!grant || !UUID.test(id) || id !== grant.takeId || req.method === "POST") throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
  if (req.method === "PATCH" || req.method === "DELETE") {
    const fenced = await holdWriterLease(req, id);
    if (fenced) return fenced;
  }
  const res = await forward(tus, req, id, grant);
  if (req.method === "DELETE" && res.status === 204) await releaseWriterLease(id);
  return res;
}
