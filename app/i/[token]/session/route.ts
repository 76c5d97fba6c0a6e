import { NextResponse } from "next/server";
import { z } from "zod";
import { env } from "@/lib/env";
import { readJson, route } from "@/lib/http";
import { SESSION_COOKIE } from "@/lib/server/candidates/session-access";
import { startSession } from "@/lib/server/candidates/start-session";
import { linkTokenOf } from "@/lib/server/candidates/take-request";

// "Who and consent" (the start page's form): starts or resumes the candidate's session
// (lib/server/candidates/start-session.ts, which validates the body) and keeps its secret in an
// httpOnly, SameSite=Lax cookie for /i/<token> only. Body: {name?, email?, consent}. Answers
// {next}: the device check, which sends an interview without video on to the questions.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route<{ params: Promise<{ token: string }> }>(async (req, { params, requestId }) => {
  const token = linkTokenOf((await params).token);
  const input = await readJson(req, z.unknown(), 4096);
  const started = await startSession({ token, input, userAgent: req.headers.get("user-agent"), requestId });
  const res = NextResponse.json({ next: `/i/${token}/check` });
  res.cookies.set(SESSION_COOKIE, started.secret, {
    httpOnly: true,
    sameSite: "lax",
    secure: env.APP_URL.startsWith("https:"),
    path: `/i/${token}`,
    maxAge: 60 * 60 * 24 * 90,
  });
  return res;
});
