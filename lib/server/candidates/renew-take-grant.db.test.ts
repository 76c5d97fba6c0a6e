// Renewing a take's upload grant (POST /i/<token>/takes/<takeId>/grant) against the real
// database and the real tus route handler: an expired grant is told apart from a foreign one
// (401 grant_expired vs 404), the renewed grant resumes the same upload at its offset and the
// take finalises; the route is scoped to the candidate's session, checks the Origin and refuses
// a submitted take, without touching the take.
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { HEAD as tusHead, PATCH as tusPatch, POST as tusPost } from "@/app/api/uploads/[[...path]]/route";
import { POST as grantRoute } from "@/app/i/[token]/takes/[takeId]/grant/route";
import { getDb } from "@/lib/db/client";
import { createUploadGrant } from "@/lib/server/uploads/upload-grant";
import { uniqueEmail } from "@/tests/fixtures";
import { interviewWithInvited, questionsOf, startPersonal } from "./candidates.fixtures";
import { finaliseTake } from "./finalise-take";
import { SESSION_COOKIE } from "./session-access";
import { startTake, type StartedTake } from "./start-take";

const ORIGIN = "http://localhost:3000";
const WEBM = new Uint8Array(readFileSync("tests/media/two-seconds.webm"));
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const ctx = { params: Promise.resolve({}) };

async function candidate() {
  const email = uniqueEmail("grant");
  const { user, interview, tokens } = await interviewWithInvited([email]);
  const token = tokens[email]!;
  const started = await startPersonal(token);
  const [video] = await questionsOf(interview.currentVersionId!);
  return { user, token, secret: started.secret, sessionId: started.sessionId, video: video! };
}
type Candidate = Awaited<ReturnType<typeof candidate>>;

const start = (c: Candidate) => startTake({ token: c.token, secret: c.secret, questionId: c.video.id, mimeType: "video/webm;codecs=vp8,opus" });

/** The same take's grant, already out of time. */
const expiredGrant = (c: Candidate, take: StartedTake) =>
  createUploadGrant({ takeId: take.takeId, sessionId: c.sessionId, userId: c.user.id, maxBytes: take.maxBytes, expiresAt: Date.now() - 1000 });

const tusHeaders = (grant: string, writer: string) => ({ "tus-resumable": "1.0.0", "upload-grant": grant, "upload-writer": writer });

const patch = (take: StartedTake, grant: string, writer: string, offset: number, bytes: Uint8Array) =>
  tusPatch(
    new NextRequest(`${ORIGIN}/api/uploads/${take.takeId}`, {
      method: "PATCH",
      headers: { ...tusHeaders(grant, writer), "upload-offset": String(offset), "content-type": "application/offset+octet-stream" },
      body: bytes as BodyInit,
    }),
    ctx,
  );

const head = (take: StartedTake, grant: string) =>
  tusHead(new NextRequest(`${ORIGIN}/api/uploads/${take.takeId}`, { method: "HEAD", headers: { "tus-resumable": "1.0.0", "upload-grant": grant } }), ctx);

function renew(c: Candidate, takeId: string, opts: { cookie?: string | null; origin?: string } = {}) {
  const cookie = opts.cookie === undefined ? c.secret : opts.cookie;
  return grantRoute(
    new NextRequest(`${ORIGIN}/i/${c.token}/takes/${takeId}/grant`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: opts.origin ?? ORIGIN, ...(cookie ? { cookie: `${SESSION_COOKIE}=${cookie}` } : {}) },
      body: "{}",
    }),
    { params: Promise.resolve({ token: c.token, takeId }) },
  );
}

describe("renewing a take's upload grant", () => {
  it("an expired grant is a 401 grant_expired; the renewed grant resumes the upload at its offset and the take finalises", async () => {
    const c = await candidate();
    const take = await start(c);
    const writer = randomBytes(16).toString("base64url");
    const created = await tusPost(
      new NextRequest(`${ORIGIN}/api/uploads`, { method: "POST", headers: { ...tusHeaders(take.grant, writer), "upload-defer-length": "1" } }),
      ctx,
    );
    expect(created.status).toBe(201);
    const half = 1000;
    expect((await patch(take, take.grant, writer, 0, WEBM.subarray(0, half))).status).toBe(204);

    // A day later: the page still holds the first grant.
    const old = expiredGrant(c, take);
    expect((await head(take, old)).status).toBe(401);
    const refused = await patch(take, old, writer, half, WEBM.subarray(half));
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { details?: { reason?: string } } }).error.details?.reason).toBe("grant_expired");

    const res = await renew(c, take.takeId);
    expect(res.status).toBe(200);
    const fresh = (await res.json()) as StartedTake;
    expect(fresh).toMatchObject({ takeId: take.takeId, attempt: take.attempt, uploadUrl: "/api/uploads", maxBytes: take.maxBytes });
    expect(fresh.maxChunkBytes).toBeGreaterThan(0);
    expect(fresh.grant).not.toBe(take.grant);

    const offset = await head(take, fresh.grant);
    expect(offset.status).toBe(200);
    expect(offset.headers.get("upload-offset")).toBe(String(half));
    expect((await patch(take, fresh.grant, writer, half, WEBM.subarray(half))).status).toBe(204);
    const done = await finaliseTake({ token: c.token, secret: c.secret, takeId: take.takeId, bytes: WEBM.length, sha256: sha(WEBM), durationSeconds: 2 });
    expect(done).toMatchObject({ responseId: take.takeId, bytes: WEBM.length, sha256: sha(WEBM) });
    // No attempt was counted for the renewal.
    const db = await getDb();
    expect(await db.response.count({ where: { sessionId: c.sessionId } })).toBe(1);

    // Submitted: nothing left to upload, no grant (409).
    const after = await renew(c, take.takeId);
    expect(after.status).toBe(409);
  });

  it("an expired grant of another take stays a 404 on this upload (no oracle)", async () => {
    const c = await candidate();
    const take = await start(c);
    const other = await start(await candidate());
    const foreign = createUploadGrant({ takeId: other.takeId, sessionId: c.sessionId, userId: c.user.id, maxBytes: 10, expiresAt: Date.now() - 1000 });
    expect((await head(take, foreign)).status).toBe(404);
    const res = await patch(take, foreign, randomBytes(16).toString("base64url"), 0, WEBM.subarray(0, 10));
    expect(res.status).toBe(404);
  });

  it("only the take's own session renews it: another session, no cookie, an unknown or junk id are 404; another site's Origin 403", async () => {
    const c = await candidate();
    const take = await start(c);
    const stranger = await candidate();
    // The stranger's cookie with the take's own link, and the stranger's own link.
    expect((await renew(c, take.takeId, { cookie: stranger.secret })).status).toBe(404);
    expect((await renew(stranger, take.takeId)).status).toBe(404);
    expect((await renew(c, take.takeId, { cookie: null })).status).toBe(404);
    expect((await renew(c, crypto.randomUUID())).status).toBe(404);
    const junk = await renew(c, "not-a-take");
    expect(junk.status).toBe(404);
    expect(((await junk.json()) as { error: { message: string } }).error.message).toMatch(/does not exist/);
    expect((await renew(c, take.takeId, { origin: "https://evil.example" })).status).toBe(403);
    // The take is as it was, and its own session still renews it.
    const db = await getDb();
    expect(await db.response.findUniqueOrThrow({ where: { id: take.takeId } })).toMatchObject({ status: "recording", submittedAt: null, attempt: 1 });
    expect((await renew(c, take.takeId)).status).toBe(200);
  });
});
