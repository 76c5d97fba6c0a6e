"use server";

import { cookies, headers } from "next/headers";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { CROSS_SITE_MESSAGE, isSameOriginRequest } from "@/lib/same-origin";
import { completeSession } from "@/lib/server/candidates/complete-session";
import { SESSION_COOKIE, SESSION_NOT_FOUND } from "@/lib/server/candidates/session-access";
import { startSession } from "@/lib/server/candidates/start-session";
import { submitTextAnswer } from "@/lib/server/candidates/submit-text-answer";
import { LINK_NOT_FOUND, LINK_TOKEN } from "@/lib/server/invitations/open-link";
import type { ActionResult } from "./action-result";
import { publicAction } from "./safe-action";

// The candidate's pages call these without an account: the link's token and the session
// secret (an httpOnly cookie scoped to /i/<token>, set by startSessionAction) are the only
// credentials. Next.js and proxy.ts check Server Actions' Origin already; each action checks
// it once more where rows are written. Anything unexpected in the arguments is a 4xx result.

async function assertSameOrigin(): Promise<void> {
  const request = new Request(env.APP_URL, { method: "POST", headers: await headers() });
  if (!isSameOriginRequest(request)) throw new AppError("FORBIDDEN", CROSS_SITE_MESSAGE);
}

function linkToken(token: unknown): string {
  if (typeof token !== "string" || !LINK_TOKEN.test(token)) throw new AppError("NOT_FOUND", LINK_NOT_FOUND);
  return token;
}

/** The session secret from the cookie of this link; without one, the same generic 404. */
async function sessionSecret(): Promise<string> {
  const secret = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!secret) throw new AppError("NOT_FOUND", SESSION_NOT_FOUND);
  return secret;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * "Who and consent": starts (or resumes) the candidate's session and keeps its secret in an
 * httpOnly, SameSite=Lax cookie for /i/<token> only. Returns where to go next.
 */
export async function startSessionAction(token: unknown, input: unknown): Promise<ActionResult<{ next: string }>> {
  return publicAction(async ({ requestId }) => {
    await assertSameOrigin();
    const link = linkToken(token);
    const started = await startSession({ token: link, input, userAgent: (await headers()).get("user-agent"), requestId });
    (await cookies()).set(SESSION_COOKIE, started.secret, {
      httpOnly: true,
      sameSite: "lax",
      secure: env.APP_URL.startsWith("https:"),
      path: `/i/${link}`,
      maxAge: 60 * 60 * 24 * 90,
    });
    // The device check comes first; it sends an interview without video on to the questions.
    return { next: `/i/${link}/check` };
  });
}

/** A text answer ({questionId, text}) in the session of this link's cookie. */
export async function submitTextAnswerAction(token: unknown, input: unknown): Promise<ActionResult<{ responseId: string }>> {
  return publicAction(async ({ requestId }) => {
    await assertSameOrigin();
    const link = linkToken(token);
    const secret = await sessionSecret();
    const { questionId, text } = record(input);
    return submitTextAnswer({ token: link, secret, questionId, text, requestId });
  });
}

/** Finishes the session of this link's cookie once every question is answered. */
export async function completeSessionAction(token: unknown): Promise<ActionResult<{ next: string }>> {
  return publicAction(async ({ requestId }) => {
    await assertSameOrigin();
    const link = linkToken(token);
    const secret = await sessionSecret();
    await completeSession({ token: link, secret, requestId });
    return { next: `/i/${link}/done` };
  });
}
