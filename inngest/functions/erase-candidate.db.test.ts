// A candidate's erasure request, honoured by HR in one action: every file gone from the real
// (local disk) storage, storage_used exact once storage accounting has consumed the
// media.deleted events (on both engines, so each is also delivered twice), the person gone
// from every row, event and audit line of the session, and the rest of the account untouched.
import { describe, expect, it } from "vitest";
import { getStorage } from "@/lib/adapters/storage";
import { getDb } from "@/lib/db/client";
import type { DomainEvent, EventType } from "@/lib/events/catalog";
import { toDomainEvent } from "@/lib/events/stored";
import { requestAnalysis } from "@/lib/server/analysis/request-analysis";
import { recordAuditEntry } from "@/lib/server/audit/record-audit-entry";
import { getUsage } from "@/lib/server/quotas/get-usage";
import { rejection } from "@/tests/app-error";
import { engines } from "@/tests/engines";
import { createAccount } from "@/tests/fixtures";
import { ERASED_CANDIDATE, eraseCandidate, erasedEmail } from "@/lib/server/retention/erase-candidate";
import { publishedInterview, seedCandidate, type SeededCandidate } from "@/lib/server/retention/retention.fixtures";
import { eraseCandidateMediaFn } from "./erase-candidate-media";
import { storageAccountingFn } from "./storage-accounting";

const ADA = { name: "Ada Lovelace", email: "ada@candidates.test", transcript: "I chased a race in the scheduler" };
const ALAN = { name: "Alan Turing", email: "alan@candidates.test", transcript: "I broke the enigma of the build" };
const PERSONAL_ADA = /ada@candidates|Lovelace|Ada's laptop|chased a race|scheduler/g;

async function eventsOf<T extends EventType>(where: { ownerId?: string; sessionId?: string; causationId?: string }, eventType: T) {
  const db = await getDb();
  const rows = await db.event.findMany({ where: { ...where, eventType }, orderBy: { seq: "asc" } });
  return rows.map((r) => toDomainEvent(r) as DomainEvent<T>);
}

async function storageUsed(userId: string): Promise<number> {
  const db = await getDb();
  return Number((await db.user.findUniqueOrThrow({ where: { id: userId } })).storageUsed);
}

/** Every row, event and audit line of one session, as JSON: what must not name the candidate. */
async function sessionFootprint(userId: string, candidate: SeededCandidate) {
  const db = await getDb();
  const sessionId = candidate.session.id;
  const rows = {
    session: await db.candidateSession.findUniqueOrThrow({ where: { id: sessionId } }),
    invitation: await db.invitation.findUniqueOrThrow({ where: { id: candidate.invitation.id } }),
    responses: await db.response.findMany({ where: { sessionId } }),
    analyses: await db.analysis.findMany({ where: { sessionId } }),
    comments: await db.reviewComment.findMany({ where: { sessionId } }),
    ratings: await db.questionRating.findMany({ where: { sessionId } }),
    notifications: await db.notification.findMany({ where: { id: { in: candidate.notifications.map((n) => n.id) } } }),
    webhookDeliveries: await db.webhookDelivery.findMany({ where: { endpoint: { userId } } }),
    files: await db.mediaFile.findMany({ where: { id: { in: candidate.files.map((f) => f.id) } } }),
    events: await db.event.findMany({ where: { ownerId: userId } }),
    audit: await db.auditLog.findMany({ where: { ownerId: userId } }),
  };
  return { rows, json: JSON.stringify(rows, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) };
}

async function objectsLeft(keys: string[]): Promise<string[]> {
  const storage = getStorage();
  const left: string[] = [];
  for (const key of keys) if (await storage.stat("media", key)) left.push(key);
  return left;
}

async function seededAccount() {
  const user = await createAccount();
  const interview = await publishedInterview(user);
  const ada = await seedCandidate(user, interview, ADA);
  const alan = await seedCandidate(user, interview, ALAN);
  return { user, interview, ada, alan };
}

describe.each(engines)("erasure on $name", ({ execute }) => {
  it("deletes every file of the session and every personal field; storage_used drops by exactly the files' size", async () => {
    const db = await getDb();
    const { user, ada, alan } = await seededAccount();
    for (const event of [...ada.storageEvents, ...alan.storageEvents]) await execute(storageAccountingFn, event);
    expect(await storageUsed(user.id)).toBe(ada.storedBytes + alan.storedBytes);
    expect(await objectsLeft(ada.objects)).toEqual(ada.objects);
    expect((await sessionFootprint(user.id, ada)).json.match(PERSONAL_ADA)?.length).toBeGreaterThan(5);

    const erasure = await eraseCandidate({ actor: user, sessionId: ada.session.id, requestId: "req-erase" });
    expect(erasure).toMatchObject({
      sessionId: ada.session.id,
      reason: "request",
      filesDeleted: 2,
      erased: { textAnswers: 1, analyses: 2, comments: 1, questionRatings: 1, notifications: 2, webhookDeliveries: 2 },
    });

    // The bytes: gone at once (the erasure's own attempt), and the durable consumer finds nothing left.
    expect(await objectsLeft(ada.objects)).toEqual([]);
    const [erased] = await eventsOf({ sessionId: ada.session.id }, "candidate.erased");
    expect(erased!.data).toEqual({ interviewId: ada.session.interviewId, reason: "request", erasedBy: user.id, filesDeleted: 2, erasedAt: erasure.erasedAt });
    expect(erased!.metadata.correlationId).toBe("req-erase");
    expect(await execute(eraseCandidateMediaFn, erased!)).toEqual({ files: 2 });

    // One media.deleted per file, with what the file counted; consumed, storage_used is exact.
    const deletions = (await eventsOf({ ownerId: user.id }, "media.deleted")).filter((e) => e.data.deletedAt === erasure.erasedAt);
    expect(deletions.map((e) => [e.data.fileId, e.data.fileSize]).sort()).toEqual(
      [
        [ada.files[0]!.id, 5_000],
        [ada.files[1]!.id, 7_000],
      ].sort(),
    );
    for (const event of deletions) await execute(storageAccountingFn, event);
    expect(await storageUsed(user.id)).toBe(alan.storedBytes);
    // The plan's usage (what quotas enforce) reads the same counter.
    expect((await getUsage({ actor: user })).storage.usedBytes).toBe(alan.storedBytes);

    // No personal data left anywhere the session's data is kept.
    for (const event of await db.event.findMany({ where: { eventType: "candidate.erased", sessionId: ada.session.id } })) await recordAuditEntry(toDomainEvent(event));
    const { rows, json } = await sessionFootprint(user.id, ada);
    // Only the matches are printed on failure, not the whole footprint.
    expect(json.match(PERSONAL_ADA)).toBeNull();
    expect(rows.session).toMatchObject({
      candidateName: ERASED_CANDIDATE,
      candidateEmail: erasedEmail(ada.session.id),
      userAgent: null,
      reviewNotes: null,
      overallScore: null,
      secretHash: null,
      erasedAt: new Date(erasure.erasedAt),
      // HR's decision stays (it is theirs, and lists and reports count it).
      decision: "advance",
      status: "completed",
    });
    expect(rows.invitation).toMatchObject({ name: ERASED_CANDIDATE, email: erasedEmail(ada.invitation.id), status: "completed" });
    expect(rows.responses.map((r) => r.textAnswer)).toEqual([null, null, null]);
    expect(rows.analyses).toEqual([]);
    expect(rows.comments).toEqual([]);
    expect(rows.ratings).toEqual([]);
    expect(rows.files.map((f) => f.status)).toEqual(["deleted", "deleted"]);
    // Only the other candidate's webhook deliveries are left.
    expect(rows.webhookDeliveries.map((d) => d.eventId).sort()).toEqual([alan.events.started.eventId, alan.events.analysed.eventId].sort());
    const [started] = await eventsOf({ sessionId: ada.session.id }, "candidate.started");
    expect(started!.data).toMatchObject({ candidateEmail: erasedEmail(ada.session.id), userAgent: "" });
    const audit = rows.audit.filter((a) => a.subject === ada.session.id || a.eventId === ada.events.sent.eventId).map((a) => a.summary);
    expect(audit.sort()).toEqual(
      [
        "A candidate started the interview (personal data erased)",
        "A candidate completed the interview (personal data erased)",
        "Email sent (personal data erased)",
        "Candidate's media and personal data erased (erasure request; 2 files deleted)",
      ].sort(),
    );

    // The other candidate of the same interview keeps everything.
    const other = await sessionFootprint(user.id, alan);
    expect(other.rows.session).toMatchObject({ candidateName: ALAN.name, candidateEmail: ALAN.email, erasedAt: null });
    expect(other.rows.analyses).toHaveLength(2);
    expect(await objectsLeft(alan.objects)).toEqual(alan.objects);
    expect(other.json).toMatch(/I broke the enigma/);
  });
});

describe("erasure's refusals", () => {
  it("a second erasure is refused (409) and changes nothing; another account's session is a 404 and untouched", async () => {
    const db = await getDb();
    const { user, ada } = await seededAccount();
    const stranger = await createAccount();
    const notFound = await rejection(eraseCandidate({ actor: stranger, sessionId: ada.session.id }));
    expect(notFound.status).toBe(404);
    expect((await rejection(eraseCandidate({ actor: user, sessionId: "not-a-uuid" }))).status).toBe(404);
    expect(await db.candidateSession.findUniqueOrThrow({ where: { id: ada.session.id } })).toMatchObject({ erasedAt: null, candidateName: ADA.name });
    expect(await objectsLeft(ada.objects)).toEqual(ada.objects);

    await eraseCandidate({ actor: user, sessionId: ada.session.id });
    const before = await db.event.count({ where: { ownerId: user.id } });
    const again = await rejection(eraseCandidate({ actor: user, sessionId: ada.session.id }));
    expect(again.status).toBe(409);
    expect(again.message).toMatch(/already been erased/);
    // Nothing is left to analyse again.
    expect((await rejection(requestAnalysis({ actor: user, sessionId: ada.session.id }))).status).toBe(409);
    expect(await db.event.count({ where: { ownerId: user.id } })).toBe(before);
  });

  it("the durable consumer deletes objects the erasure could not (storage failed after the commit)", async () => {
    const { user, ada } = await seededAccount();
    const storage = getStorage();
    const original = storage.delete.bind(storage);
    storage.delete = () => Promise.reject(new Error("storage is down"));
    try {
      await eraseCandidate({ actor: user, sessionId: ada.session.id });
    } finally {
      storage.delete = original;
    }
    expect(await objectsLeft(ada.objects)).toEqual(ada.objects);
    const [erased] = await eventsOf({ sessionId: ada.session.id }, "candidate.erased");
    for (const engine of engines) await engine.execute(eraseCandidateMediaFn, erased!);
    expect(await objectsLeft(ada.objects)).toEqual([]);
  });
});
