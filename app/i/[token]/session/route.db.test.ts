// The candidate pages' state-changing routes: POST
// /i/<token>/session (start), /i/<token>/answers (a text answer), /i/<token>/complete. Same-origin
// only, the session secret only in an httpOnly cookie scoped to the link, a generic 404
// without it, and junk (as the e2e security fuzz sends it) is always a readable 4xx.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { CONSENT, interviewWithInvited, questionsOf } from "@/lib/server/candidates/candidates.fixtures";
import { SESSION_COOKIE, SESSION_NOT_FOUND } from "@/lib/server/candidates/session-access";
import { uniqueEmail } from "@/tests/fixtures";
import * as answers from "../answers/route";
import * as complete from "../complete/route";
import * as session from "./route";

const origin = new URL(env.APP_URL).origin;
const sameOrigin = { host: new URL(env.APP_URL).host, origin, "sec-fetch-site": "same-origin", "user-agent": "vitest-browser" };

type Call = { body?: unknown; raw?: string; type?: string; cookie?: string; headers?: Record<string, string> };
function request(token: string, path: string, { body, raw, type = "application/json", cookie, headers = sameOrigin }: Call = {}) {
  return new NextRequest(`${origin}/i/${token}/${path}`, {
    method: "POST",
    headers: { ...headers, ...(raw !== undefined || body !== undefined ? { "content-type": type } : {}), ...(cookie ? { cookie: `${SESSION_COOKIE}=${cookie}` } : {}) },
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
}
const params = (token: string) => ({ params: Promise.resolve({ token }) });
const start = (token: string, call?: Call) => session.POST(request(token, "session", call), params(token));
const answer = (token: string, call?: Call) => answers.POST(request(token, "answers", call), params(token));
const finish = (token: string, call?: Call) => complete.POST(request(token, "complete", call), params(token));

/** The session secret the start answer sets, with the cookie's attributes. */
function setCookie(res: Response) {
  const cookie = res.headers.get("set-cookie") ?? "";
  return { value: new RegExp(`${SESSION_COOKIE}=([^;]*)`).exec(cookie)?.[1] ?? "", attributes: cookie.toLowerCase() };
}

describe("candidate routes", () => {
  it("start sets the secret in an httpOnly cookie for /i/<token>; answering and finishing use it", async () => {
    const email = uniqueEmail("cand");
    const { interview, tokens } = await interviewWithInvited([email]);
    const db = await getDb();
    await db.question.deleteMany({ where: { versionId: interview.currentVersionId!, type: "video" } });
    const token = tokens[email]!;
    const started = await start(token, { body: { consent: CONSENT } });
    // Always through the device check, which sends an interview without video on to the questions.
    expect(started.status).toBe(200);
    expect(await started.json()).toEqual({ next: `/i/${token}/check` });
    const cookie = setCookie(started);
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie.attributes).toContain("httponly");
    expect(cookie.attributes).toContain("samesite=lax");
    expect(cookie.attributes).toContain(`path=/i/${token.toLowerCase()}`);
    const row = await db.candidateSession.findFirstOrThrow({ where: { invitation: { token } } });
    expect(row.userAgent).toBe("vitest-browser");

    const [q] = await questionsOf(interview.currentVersionId!);
    const answered = await answer(token, { body: { questionId: q!.id, text: "Hello" }, cookie: cookie.value });
    expect(answered.status).toBe(201);
    expect(await answered.json()).toMatchObject({ responseId: expect.any(String) });
    const finished = await finish(token, { cookie: cookie.value });
    expect(finished.status).toBe(200);
    expect(await finished.json()).toEqual({ next: `/i/${token}/done` });
  });

  it("without the cookie, or with another link's token, answers the generic 404 and writes nothing", async () => {
    const email = uniqueEmail("cand");
    const { interview, tokens } = await interviewWithInvited([email]);
    const token = tokens[email]!;
    const [, q] = await questionsOf(interview.currentVersionId!);
    for (const res of [await answer(token, { body: { questionId: q!.id, text: "Hi" } }), await finish(token)]) {
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: "NOT_FOUND", message: SESSION_NOT_FOUND } });
    }
    const secret = setCookie(await start(token, { body: { consent: CONSENT } })).value;
    const other = await answer(interview.publicToken!, { body: { questionId: q!.id, text: "Hi" }, cookie: secret });
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    const db = await getDb();
    expect(await db.response.count({ where: { questionId: q!.id } })).toBe(0);
  });

  it("refuses a request from another site", async () => {
    const email = uniqueEmail("cand");
    const { tokens } = await interviewWithInvited([email]);
    const crossSite = { host: new URL(env.APP_URL).host, origin: "https://evil.example", "sec-fetch-site": "cross-site" };
    const res = await start(tokens[email]!, { body: { consent: CONSENT }, headers: crossSite });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
    expect(res.headers.get("set-cookie")).toBeNull();
    const db = await getDb();
    expect(await db.candidateSession.count({ where: { invitation: { token: tokens[email]! } } })).toBe(0);
  });

  it("junk is a readable 4xx, never a 5xx or a success", async () => {
    const email = uniqueEmail("cand");
    const { tokens } = await interviewWithInvited([email]);
    const token = tokens[email]!;
    const junk: Call[] = [
      {},
      { raw: "" },
      { raw: "not json" },
      { raw: "{" },
      { body: null },
      { body: [1] },
      { body: "x" },
      { body: { fullName: "\u0000" } },
      { body: { name: "A\u0000", email: "a@example.com", consent: CONSENT } },
      { raw: "hello", type: "text/plain" },
      { raw: JSON.stringify({ name: "x".repeat(100_000) }) },
    ];
    for (const call of junk) {
      for (const [name, send] of [["session", start], ["answers", answer], ["complete", finish]] as const) {
        for (const [t, cookie] of [[token, "x".repeat(43)], ["A".repeat(43), undefined], ["x", undefined]] as const) {
          const res = await send(t, { ...call, cookie });
          const label = `${name} ${t.slice(0, 3)} ${JSON.stringify(call).slice(0, 60)}`;
          expect(res.status, label).toBeGreaterThanOrEqual(400);
          expect(res.status, label).toBeLessThan(500);
          const body = (await res.json()) as { error?: { message?: string } };
          expect(body.error?.message, label).toMatch(/\w{3}/);
        }
      }
    }
    const db = await getDb();
    expect(await db.candidateSession.count({ where: { invitation: { token } } })).toBe(0);
  });
});
