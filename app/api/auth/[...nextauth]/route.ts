import NextAuth from "next-auth";
import { NextRequest, NextResponse } from "next/server";
import { authOptions, clientIp } from "@/lib/auth/options";
import { checkSignInRateLimit, retryMessage } from "@/lib/auth/rate-limit";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { relayAfterResponse } from "@/lib/engine/relay-kick";
import { AppError, toErrorBody } from "@/lib/errors";
import { assertSameOrigin, readBodyText, requestIdOf } from "@/lib/http";
import { emailSchema } from "@/lib/schemas/user";

const handler = NextAuth(authOptions);

type Ctx = { params: Promise<{ nextauth: string[] }> };

// next-auth's own forms post a few short fields; nothing legitimate comes near this.
const AUTH_BODY_LIMIT = 8 * 1024;

function errorResponse(req: NextRequest, err: unknown): Response {
  const requestId = requestIdOf(req);
  const { status, body, retryAfterSeconds } = toErrorBody(err, requestId);
  const headers: Record<string, string> = { "x-request-id": requestId };
  if (retryAfterSeconds !== undefined) headers["retry-after"] = String(retryAfterSeconds);
  return NextResponse.json(body, { status, headers });
}

// next-auth's endpoints; anything else gets our JSON 404 rather than its plain-text 400.
const ACTIONS = new Set(["signin", "signout", "callback", "session", "csrf", "providers", "_log", "error", "verify-request"]);

async function unknownAction(req: NextRequest, ctx: Ctx): Promise<Response | null> {
  const [action] = (await ctx.params).nextauth ?? [];
  if (action && ACTIONS.has(action)) return null;
  return errorResponse(req, new AppError("NOT_FOUND", `There is no sign-in endpoint ${req.method} ${req.nextUrl.pathname}.`));
}

// Sign-ins (the SSO callback is a GET) and sign-outs publish events.
export async function GET(req: NextRequest, ctx: Ctx) {
  const unknown = await unknownAction(req, ctx);
  if (unknown) return unknown;
  // Credentials are only ever posted; next-auth answers a GET here with a 500.
  if (req.nextUrl.pathname.endsWith("/callback/credentials")) {
    return errorResponse(req, new AppError("BAD_REQUEST", "Sign in from the sign-in page."));
  }
  relayAfterResponse();
  return handler(req, ctx);
}

/**
 * Before next-auth sees a POST: it must come from our own pages (next-auth's CSRF token covers
 * its forms; this covers the rest the same way as every other route), be a small
 * form-encoded body (what next-auth's client sends; a JSON body skipped the throttle and
 * malformed JSON was a 500), and a throttled sign-in gets a real 429 with Retry-After, in
 * next-auth's { url } shape so its client shows the message.
 */
export async function POST(req: NextRequest, ctx: Ctx) {
  const unknown = await unknownAction(req, ctx);
  if (unknown) return unknown;
  let text: string;
  try {
    assertSameOrigin(req);
    const type = (req.headers.get("content-type") ?? "").toLowerCase();
    if (!type.startsWith("application/x-www-form-urlencoded")) {
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the form as application/x-www-form-urlencoded.");
    }
    text = await readBodyText(req, AUTH_BODY_LIMIT);
  } catch (err) {
    return errorResponse(req, err);
  }
  relayAfterResponse();
  const form = new URLSearchParams(text);

  if (req.nextUrl.pathname.endsWith("/callback/credentials")) {
    const email = emailSchema.safeParse(form.get("email") ?? "");
    if (email.success) {
      const verdict = await checkSignInRateLimit(await getDb(), email.data, clientIp(req.headers));
      if (verdict.limited) {
        const message = retryMessage(verdict.retryAfterSeconds);
        const url = new URL("/sign-in", env.APP_URL);
        url.searchParams.set("error", `RateLimited:${verdict.retryAfterSeconds}`);
        return NextResponse.json(
          { url: url.toString(), error: { code: "RATE_LIMITED", message } },
          { status: 429, headers: { "retry-after": String(verdict.retryAfterSeconds) } },
        );
      }
    }
  }
  // The body has been read: next-auth gets a copy of it.
  const copy = new NextRequest(req.url, { method: "POST", headers: req.headers, body: text });
  return handler(copy, ctx);
}
