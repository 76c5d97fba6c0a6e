// Route-handler helpers: request ids, bodies read with a byte limit and parsed into 4xx
// answers instead of 500s, the same-origin check for state-changing requests, and one place
// that turns errors into responses.
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { AppError, toErrorBody, validationError } from "@/lib/errors";
import { CROSS_SITE_MESSAGE, isSameOriginRequest } from "@/lib/same-origin";
import { relayAfterResponse } from "@/lib/engine/relay-kick";
import { readCapped } from "./read-capped";

const REQUEST_ID = /^[\w.-]{1,128}$/;

/** The caller's X-Request-ID if it is a sane token, else a new one (it ends up in logs and events). */
export function requestIdFrom(incoming: string | null | undefined): string {
  return incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

export function requestIdOf(req: Request): string {
  return requestIdFrom(req.headers.get("x-request-id"));
}

/** Largest JSON body a route accepts unless it says otherwise. */
export const JSON_BODY_LIMIT = 64 * 1024;

const tooLarge = (limit: number) =>
  new AppError("PAYLOAD_TOO_LARGE", `The request body is too large (the limit is ${Math.floor(limit / 1024)} KB).`);

/**
 * Reads the body, refusing more than `limit` bytes with 413: early when Content-Length says
 * so, and while streaming otherwise (a chunked body never reaches memory past the limit).
 */
export async function readBodyBytes(req: Request, limit: number, error: AppError = tooLarge(limit)): Promise<Uint8Array> {
  const declared = req.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) throw error;
  let bytes: Uint8Array | null;
  try {
    bytes = await readCapped(req.body, limit);
  } catch {
    throw new AppError("BAD_REQUEST", "The request body could not be read. Try again.");
  }
  if (bytes === null) throw error;
  return bytes;
}

/** The body as UTF-8 text (at most `limit` bytes); invalid UTF-8 is a 400, not mojibake. */
export async function readBodyText(req: Request, limit: number): Promise<string> {
  const bytes = await readBodyBytes(req, limit);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid UTF-8 text.");
  }
}

export async function readJson<S extends z.ZodType>(req: Request, schema: S, limit = JSON_BODY_LIMIT): Promise<z.infer<S>> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().includes("application/json")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON with Content-Type: application/json.");
  }
  const body = await readBodyText(req, limit);
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** Refuses a state-changing request from another site (lib/same-origin.ts) with 403. */
export function assertSameOrigin(req: Request): void {
  if (!isSameOriginRequest(req)) throw new AppError("FORBIDDEN", CROSS_SITE_MESSAGE);
}

type Handler<C> = (req: NextRequest, ctx: C & { requestId: string }) => Promise<Response>;

/**
 * Wraps a route handler: state-changing methods must pass the same-origin check, and every
 * error becomes a JSON response with a person-readable message.
 */
export function route<C = unknown>(handler: Handler<C>) {
  return async (req: NextRequest, ctx: C): Promise<Response> => {
    const requestId = requestIdOf(req);
    if (req.method !== "GET" && req.method !== "HEAD") relayAfterResponse();
    try {
      assertSameOrigin(req);
      const res = await handler(req, { ...ctx, requestId });
      res.headers.set("x-request-id", requestId);
      return res;
    } catch (err) {
      const { status, body, retryAfterSeconds } = toErrorBody(err, requestId);
      const headers: Record<string, string> = { "x-request-id": requestId };
      const retryAfter = retryAfterSeconds ?? (err as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
      if (typeof retryAfter === "number") headers["retry-after"] = String(retryAfter);
      return NextResponse.json(body, { status, headers });
    }
  };
}
