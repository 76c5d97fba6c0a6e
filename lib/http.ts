// Route-handler helpers: request ids, JSON bodies that fail with 400 instead of 500, and one
// place that turns errors into responses.
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { AppError, toErrorBody, validationError } from "@/lib/errors";
import { relayAfterResponse } from "@/lib/events/relay-kick";

export function requestIdOf(req: Request): string {
  const incoming = req.headers.get("x-request-id");
  return incoming && /^[\w.-]{1,128}$/.test(incoming) ? incoming : randomUUID();
}

export async function readJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().includes("application/json")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON with Content-Type: application/json.");
  }
  let raw: unknown;
  try {
    raw = await req.json();
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

type Handler<C> = (req: NextRequest, ctx: C & { requestId: string }) => Promise<Response>;

/** Wraps a route handler: every error becomes a JSON response with a person-readable message. */
export function route<C = unknown>(handler: Handler<C>) {
  return async (req: NextRequest, ctx: C): Promise<Response> => {
    const requestId = requestIdOf(req);
    if (req.method !== "GET" && req.method !== "HEAD") relayAfterResponse();
    try {
      const res = await handler(req, { ...ctx, requestId });
      res.headers.set("x-request-id", requestId);
      return res;
    } catch (err) {
      const { status, body } = toErrorBody(err, requestId);
      return NextResponse.json(body, { status, headers: { "x-request-id": requestId } });
    }
  };
}
