// The candidate pages' Server Actions: same-origin only, the session secret only in an
// httpOnly cookie scoped to the link, a generic 404 without it, and junk arguments (as the
// e2e security fuzz sends them) are always a failed result. Request headers and cookies are
// mocked (there is no request).
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { CONSENT, interviewWithInvited, questionsOf } from "@/lib/server/candidates/candidates.fixtures";
import { SESSION_COOKIE, SESSION_NOT_FOUND } from "@/lib/server/candidates/session-access";
import { uniqueEmail } from "@/tests/fixtures";

type Cookie = { value: string; options: Record<string, unknown> };
const request = vi.hoisted(() => ({ headers: new Headers(), jar: new Map<string, { value: string; options: Record<string, unknown> }>() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({
    get: (name: string) => (request.jar.has(name) ? { name, value: request.jar.get(name)!.value } : undefined),
    set: (name: string, value: string, options: Record<string, unknown>) => void request.jar.set(name, { value, options }),
  }),
}));

const { completeSessionAction, startSessionAction, submitTextAnswerAction } = await import("./candidate");

const host = new URL(env.APP_URL).host;
const sameOrigin = () => new Headers({ host, origin: new URL(env.APP_URL).origin, "sec-fetch-site": "same-origin", "user-agent": "vitest-browser" });

describe("candidate actions", () => {
  beforeEach(() => {
    request.headers = sameOrigin();
    request.jar.clear();
  });

  it("start sets the secret in an httpOnly cookie for /i/<token>; answering and finishing use it", async () => {
    const email = uniqueEmail("cand");
    const { interview, tokens } = await interviewWithInvited([email]);
    const db = await getDb();
    await db.question.deleteMany({ where: { versionId: interview.currentVersionId!, type: "video" } });
    const token = tokens[email]!;
    // Always through the device check, which sends an interview without video on to the questions.
    expect(await startSessionAction(token, { consent: CONSENT })).toEqual({ ok: true, data: { next: `/i/${token}/check` } });
    const cookie = request.jar.get(SESSION_COOKIE) as Cookie;
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: "lax", path: `/i/${token}` });
    const session = await db.candidateSession.findFirstOrThrow({ where: { invitation: { token } } });
    expect(session.userAgent).toBe("vitest-browser");

    const [q] = await questionsOf(interview.currentVersionId!);
    expect(await submitTextAnswerAction(token, { questionId: q!.id, text: "Hello" })).toMatchObject({ ok: true });
    expect(await completeSessionAction(token)).toEqual({ ok: true, data: { next: `/i/${token}/done` } });
  });

  it("without the cookie, or with another link's token, answers the generic 404 and writes nothing", async () => {
    const email = uniqueEmail("cand");
    const { interview, tokens } = await interviewWithInvited([email]);
    const token = tokens[email]!;
    const [, q] = await questionsOf(interview.currentVersionId!);
    expect(await submitTextAnswerAction(token, { questionId: q!.id, text: "Hi" })).toMatchObject({ ok: false, code: "NOT_FOUND", error: SESSION_NOT_FOUND });
    expect(await completeSessionAction(token)).toMatchObject({ ok: false, code: "NOT_FOUND", error: SESSION_NOT_FOUND });
    await startSessionAction(token, { consent: CONSENT });
    expect(await submitTextAnswerAction(interview.publicToken, { questionId: q!.id, text: "Hi" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const db = await getDb();
    expect(await db.response.count({ where: { questionId: q!.id } })).toBe(0);
  });

  it("refuses a request from another site", async () => {
    const email = uniqueEmail("cand");
    const { tokens } = await interviewWithInvited([email]);
    request.headers = new Headers({ host, origin: "https://evil.example", "sec-fetch-site": "cross-site" });
    expect(await startSessionAction(tokens[email], { consent: CONSENT })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(request.jar.size).toBe(0);
  });

  it("junk arguments are a failed result, never a throw or an ok", async () => {
    const junk: unknown[][] = [[], [null], [1], ["x"], [{ fullName: "\u0000" }], ["not json", "x"], [{ token: "a" }, { consent: CONSENT }], ["A".repeat(43), null]];
    request.jar.set(SESSION_COOKIE, { value: "x".repeat(43), options: {} });
    for (const args of junk) {
      for (const action of [startSessionAction, submitTextAnswerAction, completeSessionAction] as ((...a: unknown[]) => Promise<{ ok: boolean }>)[]) {
        const result = await action(...args);
        expect(result.ok, JSON.stringify(args)).toBe(false);
      }
    }
  });
});
