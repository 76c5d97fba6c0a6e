// The device check's server side against the real database: which links are "gone" (proxy.ts
// answers their pages with 410) and the upload-speed route's use case.
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { closeInterview } from "@/lib/server/interviews/close-interview";
import { rejection } from "@/tests/app-error";
import { uniqueEmail } from "@/tests/fixtures";
import { interviewWithInvited, startPersonal } from "./candidates.fixtures";
import { CANDIDATE_PAGE, candidateLinkGone } from "./candidate-link-gone";
import { checkUploadSpeed, SPEED_CHECK_LIMIT } from "./check-upload-speed";
import { completeSession } from "./complete-session";
import { submitTextAnswer } from "./submit-text-answer";

function bodyOf(bytes: number, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const n = Math.min(chunk, bytes - sent);
      sent += n;
      controller.enqueue(new Uint8Array(n).fill(7));
    },
  });
}

describe("CANDIDATE_PAGE", () => {
  it("matches a link's pages, not its routes or other paths", () => {
    const token = "A".repeat(43);
    for (const path of ["", "/", "/start", "/check", "/questions", "/done"]) {
      expect(CANDIDATE_PAGE.exec(`/i/${token}${path}`)?.[1], path).toBe(token);
    }
    for (const path of [`/i/${token}/speed-check`, `/i/${token}/takes`, `/i/short`, `/privacy`, `/i/${token}/start/x`, `/i/${token}/closed`]) {
      expect(CANDIDATE_PAGE.test(path), path).toBe(false);
    }
  });
});

describe("candidateLinkGone", () => {
  it("open links are not gone; closed and expired ones are, except for a session that may go on or has finished", async () => {
    const [a, b, c] = [uniqueEmail("gone-a"), uniqueEmail("gone-b"), uniqueEmail("gone-c")];
    const { user, interview, tokens } = await interviewWithInvited([a, b, c]);
    const db = await getDb();
    // Unknown and open: not gone (an unknown link is the page's 404).
    expect(await candidateLinkGone({ token: "B".repeat(43), secret: undefined })).toBe(false);
    expect(await candidateLinkGone({ token: tokens[a]!, secret: undefined })).toBe(false);
    expect(await candidateLinkGone({ token: interview.publicToken!, secret: undefined })).toBe(false);

    // Written questions only, so that c can finish here (the recorder's takes are tested elsewhere).
    await db.question.deleteMany({ where: { versionId: interview.currentVersionId!, type: "video" } });
    const started = await startPersonal(tokens[a]!);
    // c answers everything and finishes before the interview closes.
    const finished = await startPersonal(tokens[c]!);
    const questions = await db.question.findMany({ where: { versionId: interview.currentVersionId! } });
    for (const q of questions) await submitTextAnswer({ token: tokens[c]!, secret: finished.secret, questionId: q.id, text: "Done." });
    await completeSession({ token: tokens[c]!, secret: finished.secret });

    await closeInterview({ actor: user, interviewId: interview.id });
    // Closed: new visitors are told so; the candidate who started may finish; the finished one keeps the thank-you.
    expect(await candidateLinkGone({ token: tokens[b]!, secret: undefined })).toBe(true);
    expect(await candidateLinkGone({ token: interview.publicToken!, secret: undefined })).toBe(true);
    expect(await candidateLinkGone({ token: tokens[a]!, secret: started.secret })).toBe(false);
    expect(await candidateLinkGone({ token: tokens[a]!, secret: undefined })).toBe(true);
    expect(await candidateLinkGone({ token: tokens[a]!, secret: "x".repeat(43) })).toBe(true);
    expect(await candidateLinkGone({ token: tokens[c]!, secret: finished.secret })).toBe(false);

    // Past the deadline even the started candidate may not go on.
    await db.interview.update({ where: { id: interview.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await candidateLinkGone({ token: tokens[a]!, secret: started.secret })).toBe(true);
    expect(await candidateLinkGone({ token: tokens[c]!, secret: finished.secret })).toBe(false);
  });

  it("reads the session without locking it: a finalise holding the row's lock does not hold up a page GET", async () => {
    const email = uniqueEmail("gone-lock");
    const { user, interview, tokens } = await interviewWithInvited([email]);
    const { secret } = await startPersonal(tokens[email]!);
    await closeInterview({ actor: user, interviewId: interview.id }); // closed: the check looks the session up
    const db = await getDb();
    const session = await db.candidateSession.findFirstOrThrow({ where: { interviewId: interview.id } });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    // Another request (finaliseTake, updateCandidateProgress) holding the session row FOR UPDATE.
    const holder = db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM candidate_sessions WHERE id = ${session.id}::uuid FOR UPDATE`;
        locked();
        await held;
      },
      { timeout: 20_000 },
    );
    await lockTaken;
    try {
      const answer = candidateLinkGone({ token: tokens[email]!, secret });
      const timedOut = new Promise<"waited">((resolve) => setTimeout(() => resolve("waited"), 3000));
      expect(await Promise.race([answer, timedOut])).toBe(false);
    } finally {
      release();
      await holder;
    }
  });

  it("an expired (still published) interview's links are gone for newcomers", async () => {
    const email = uniqueEmail("expired");
    const { interview, tokens } = await interviewWithInvited([email]);
    const db = await getDb();
    await db.interview.update({ where: { id: interview.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await candidateLinkGone({ token: tokens[email]!, secret: undefined })).toBe(true);
    expect(await candidateLinkGone({ token: interview.publicToken!, secret: undefined })).toBe(true);
  });
});

describe("checkUploadSpeed", () => {
  it("counts and discards the bytes of a session's browser; refuses other secrets, other links, bodies over the limit, past the deadline", async () => {
    const [a, b] = [uniqueEmail("speed-a"), uniqueEmail("speed-b")];
    const { user, interview, tokens } = await interviewWithInvited([a, b]);
    const { secret } = await startPersonal(tokens[a]!);
    const ok = await checkUploadSpeed({ token: tokens[a]!, secret, declaredLength: null, body: bodyOf(512 * 1024) });
    expect(ok.bytes).toBe(512 * 1024);
    expect(ok.milliseconds).toBeGreaterThanOrEqual(0);
    expect((await checkUploadSpeed({ token: tokens[a]!, secret, declaredLength: "0", body: null })).bytes).toBe(0);

    // Wrong secret, the secret on another link, a malformed token: the same 404.
    for (const [token, s] of [
      [tokens[a]!, "y".repeat(43)],
      [tokens[b]!, secret],
      [interview.publicToken!, secret],
      ["../x", secret],
    ] as const) {
      const err = await rejection(checkUploadSpeed({ token, secret: s, declaredLength: null, body: bodyOf(10) }));
      expect(err.status, token).toBe(404);
    }
    // Over the limit: refused by Content-Length before reading, and while streaming without one.
    expect((await rejection(checkUploadSpeed({ token: tokens[a]!, secret, declaredLength: String(SPEED_CHECK_LIMIT + 1), body: bodyOf(10) }))).status).toBe(413);
    expect((await rejection(checkUploadSpeed({ token: tokens[a]!, secret, declaredLength: null, body: bodyOf(SPEED_CHECK_LIMIT + 1) }))).status).toBe(413);

    // Closed: the started candidate may still check; past the deadline, 410.
    await closeInterview({ actor: user, interviewId: interview.id });
    expect((await checkUploadSpeed({ token: tokens[a]!, secret, declaredLength: null, body: bodyOf(1000) })).bytes).toBe(1000);
    const db = await getDb();
    await db.interview.update({ where: { id: interview.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await rejection(checkUploadSpeed({ token: tokens[a]!, secret, declaredLength: null, body: bodyOf(10) }))).status).toBe(410);
  });
});
