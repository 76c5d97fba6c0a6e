import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { authOptions, clientIp } from "@/lib/auth/options";
import { checkSignInRateLimit, retryMessage } from "@/lib/auth/rate-limit";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { relayAfterResponse } from "@/lib/events/relay-kick";
import { emailSchema } from "@/lib/schemas/user";

const handler = NextAuth(authOptions);

type Ctx = { params: Promise<{ nextauth: string[] }> };

// Sign-ins (the SSO callback is a GET) and sign-outs publish events.
export async function GET(req: NextRequest, ctx: Ctx) {
  relayAfterResponse();
  return handler(req, ctx);
}

// Throttled sign-in attempts get a real 429 (with Retry-After) before next-auth sees them;
// the body keeps next-auth's { url } shape so its client shows the message.
export async function POST(req: NextRequest, ctx: Ctx) {
  relayAfterResponse();
  if (req.nextUrl.pathname.endsWith("/callback/credentials")) {
    const form = await req
      .clone()
      .formData()
      .catch(() => null);
    const email = emailSchema.safeParse(form?.get("email") ?? "");
    if (email.success) {
      const verdict = await checkSignInRateLimit(await getDb(), email.data, clientIp(req.headers));
      if (verdict.limited) {
        const message = retryMessage(verdict.retryAfterSeconds);
        const url = new URL("/sign-in", env.APP_URL);
        url.searchParams.set("error", message);
        return NextResponse.json(
          { url: url.toString(), error: { code: "RATE_LIMITED", message } },
          { status: 429, headers: { "retry-after": String(verdict.retryAfterSeconds) } },
        );
      }
    }
  }
  return handler(req, ctx);
}
