// Account deletion, completed: deleteAccount takes the account offline at once (avatar 404, API
// keys revoked), then the two consumers of user.deleted delete its interviews (links dead,
// candidates anonymised) and its files (bytes gone, one media.deleted each, storage_used back to
// exactly 0). On both engines, each delivered twice.
import { randomBytes, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { describe, expect, it, onTestFinished } from "vitest";
import { getStorage } from "@/lib/adapters/storage";
import { getDb } from "@/lib/db/client";
import type { DomainEvent, EventType } from "@/lib/events/catalog";
import { toDomainEvent } from "@/lib/events/stored";
import { recordAuditEntry } from "@/lib/server/audit/record-audit-entry";
import { createInterview } from "@/lib/server/interviews/create-interview";
import { newLinkToken } from "@/lib/server/interviews/public-link";
import { openLink } from "@/lib/server/invitations/open-link";
import { deleteAccount } from "@/lib/server/users/delete-account";
import { getAvatarFile } from "@/lib/server/users/get-avatar-file";
import { anonymisedEmail, DELETED_CANDIDATE, PURGE_LIMITS, purgeUserInterviews } from "@/lib/server/users/purge-user-interviews";
import { DELETE_USER_MEDIA, MEDIA_LIMITS, mediaDeletedData } from "@/lib/server/users/purge-user-media";
import { emit } from "@/lib/engine/emit";
import { uploadAvatar } from "@/lib/server/users/upload-avatar";
import { rejection } from "@/tests/app-error";
import { engines } from "@/tests/engines";
import { storeEvent } from "@/tests/events";
import { createAccount, TINY_PNG } from "@/tests/fixtures";
import { countInterviewsCreatedFn } from "./count-interviews-created";
import { deleteUserInterviewsFn } from "./delete-user-interviews";
import { deleteUserMediaFn } from "./delete-user-media";
import { storageAccountingFn } from "./storage-accounting";

async function eventsOf<T extends EventType>(where: { ownerId?: string; causationId?: string }, eventType: T) {
  const db = await getDb();
  const rows = await db.event.findMany({ where: { ...where, eventType }, orderBy: { seq: "asc" } });
  return rows.map((r) => toDomainEvent(r) as DomainEvent<T>);
}

async function putObject(bucket: string, key: string, bytes: Buffer) {
  await getStorage().put(bucket, key, Readable.from([bytes]));
}

/** An HR account with a replaced avatar, two published interviews, candidates, answers, files. */
async function populatedAccount() {
  const db = await getDb();
  const user = await createAccount();
  const { media: firstAvatar } = await uploadAvatar({ actor: user, file: { bytes: TINY_PNG, name: "old.png" } });
  const bigger = Buffer.concat([TINY_PNG, Buffer.from([1, 2, 3, 4, 5])]);
  const { media: avatar, user: withAvatar } = await uploadAvatar({ actor: user, file: { bytes: bigger, name: "new.png" } });

  const questions = [
    { prompt: "Tell us about a project you are proud of." },
    { prompt: "Describe a hard bug.", type: "text", maxCharacters: 2000 },
  ];
  const views = [
    await createInterview({ actor: user, input: { title: "Backend engineer", questions } }),
    await createInterview({ actor: user, input: { title: "Designer", questions } }),
  ];
  const interviews = [];
  for (const view of views) {
    interviews.push(
      await db.interview.update({
        where: { id: view.id },
        data: { status: "published", publicToken: newLinkToken(), publishedAt: new Date() },
        include: { questions: { orderBy: { position: "asc" } } },
      }),
    );
  }
  const [backend, designer] = interviews as [(typeof interviews)[0], (typeof interviews)[0]];

  // Candidates (no invitation use case yet: rows written directly, as the invitations task will).
  const invite = (interviewId: string, email: string, name: string, status: "invited" | "opened" | "completed") =>
    db.invitation.create({
      data: { interviewId, email, name, status, token: newLinkToken(), emailStatus: "sent", completedAt: status === "completed" ? new Date() : null },
    });
  const ada = await invite(backend.id, "ada@candidates.test", "Ada Lovelace", "completed");
  const alan = await invite(backend.id, "alan@candidates.test", "Alan Turing", "invited");
  const edsger = await invite(designer.id, "edsger@candidates.test", "Edsger Dijkstra", "opened");

  const session = await db.candidateSession.create({
    data: {
      interviewId: backend.id,
      invitationId: ada.id,
      versionId: backend.currentVersionId,
      candidateEmail: ada.email,
      candidateName: ada.name,
      userAgent: "Mozilla/5.0 (Ada's laptop)",
      reviewNotes: "Ada was great",
      status: "completed",
      answeredCount: 2,
      completedAt: new Date(),
    },
  });

  // Two recorded answers with their bytes (a video with a thumbnail, and a second video).
  const files = [];
  for (const size of [3_000, 7_000]) {
    const id = randomUUID();
    const bytes = randomBytes(size);
    const path = `${user.id}/${id}.webm`;
    const thumbnailPath = `${user.id}/${id}.jpg`;
    await putObject("media", path, bytes);
    await putObject("media", thumbnailPath, randomBytes(100));
    const file = await db.mediaFile.create({
      data: { id, userId: user.id, kind: "response", status: "ready", bucket: "media", path, thumbnailPath, fileName: "answer.webm", mimeType: "video/webm", originalSize: BigInt(size) },
    });
    await storeEvent({
      eventType: "media.uploaded",
      userId: user.id,
      data: { fileId: id, fileName: file.fileName, fileSize: size, mimeType: file.mimeType, bucket: "media", path },
    });
    files.push(file);
  }
  const [video, text] = backend.questions.filter((q) => q.versionId === backend.currentVersionId);
  await db.response.create({ data: { sessionId: session.id, questionId: video!.id, status: "ready", mediaFileId: files[0]!.id, submittedAt: new Date() } });
  await db.response.create({ data: { sessionId: session.id, questionId: text!.id, status: "ready", textAnswer: "I once chased a race in the scheduler…", submittedAt: new Date() } });
  await db.analysis.create({ data: { userId: user.id, sessionId: session.id, analysisType: "transcription", status: "completed", transcription: "My name is Ada and…" } });
  // The AI analysis keeps the transcript's segments, summaries and skills in `result`, and its event carries the transcript.
  const scoring = await db.analysis.create({
    data: {
      userId: user.id,
      sessionId: session.id,
      analysisType: "summary",
      status: "completed",
      sentiment: "positive",
      skills: ["scheduler debugging"],
      overallScore: 7,
      result: { summary: "Ada Lovelace explained a race in the scheduler.", segments: [{ start: 0, end: 2, text: "My name is Ada" }] },
    },
  });
  await storeEvent({
    eventType: "analysis.completed",
    userId: user.id,
    data: { analysisId: scoring.id, sessionId: session.id, transcription: "My name is Ada and I chased a race in the scheduler.", sentiment: "positive", skills: ["scheduler debugging"], overallScore: 7, completedAt: new Date().toISOString() },
  });

  // The email log, and events naming candidates (as the candidate flow and the mailer publish them).
  const notification = await db.notification.create({
    data: { userId: user.id, type: "email", to: alan.email, subject: "Alan Turing, your interview", text: "Hello Alan Turing", html: "<p>Hello Alan Turing</p>", status: "sent", template: "invitation", interviewId: backend.id, invitationId: alan.id, sentAt: new Date() },
  });
  const started = await storeEvent({
    eventType: "candidate.started",
    sessionId: session.id,
    data: { interviewId: backend.id, candidateEmail: ada.email, startedAt: new Date().toISOString(), userAgent: "Mozilla/5.0 (Ada's laptop)" },
  });
  const sent = await storeEvent({
    eventType: "notification.sent",
    userId: user.id,
    data: { notificationId: notification.id, type: "email", to: alan.email, subject: notification.subject, sentAt: new Date().toISOString() },
  });
  for (const event of [started, sent]) await recordAuditEntry(event);

  const apiKey = await db.apiKey.create({ data: { userId: user.id, name: "ATS", prefix: "iv_test", hash: randomBytes(32).toString("hex") } });
  const avatarKey = withAvatar.avatarUrl!.replace("/api/files/avatars/", "");
  return { user, firstAvatar, avatar, avatarKey, interviews, invitations: [ada, alan, edsger], session, files, notification, apiKey };
}

/** Everything the consumers may touch, to compare before and after a second delivery. */
async function snapshot(userId: string) {
  const db = await getDb();
  const interviews = { userId };
  return {
    user: await db.user.findUniqueOrThrow({ where: { id: userId } }),
    interviews: await db.interview.findMany({ where: interviews, orderBy: { id: "asc" } }),
    invitations: await db.invitation.findMany({ where: { interview: interviews }, orderBy: { id: "asc" } }),
    sessions: await db.candidateSession.findMany({ where: { interview: interviews }, orderBy: { id: "asc" } }),
    responses: await db.response.findMany({ where: { session: { interview: interviews } }, orderBy: { id: "asc" } }),
    analyses: await db.analysis.findMany({ where: { userId }, orderBy: { id: "asc" } }),
    notifications: await db.notification.findMany({ where: { userId }, orderBy: { id: "asc" } }),
    media: await db.mediaFile.findMany({ where: { userId }, orderBy: { id: "asc" } }),
    events: await db.event.findMany({ where: { ownerId: userId }, orderBy: { seq: "asc" }, select: { eventId: true, data: true } }),
    audit: await db.auditLog.findMany({ where: { ownerId: userId }, orderBy: { id: "asc" } }),
  };
}

const sizes = [
  { label: "in the default batches", batchSize: PURGE_LIMITS.batchSize, budgetMs: PURGE_LIMITS.budgetMs },
  // Every part and every file over many steps: the functions' step loops, the emit ids per batch.
  { label: "one row per batch, one batch per step", batchSize: 1, budgetMs: 0 },
];

describe.each(engines)("account deletion on $name", ({ execute }) => {
  it.each(sizes)("deletes every interview, kills its links, anonymises its candidates, removes every file and brings storage_used to exactly 0, once ($label)", async ({ batchSize, budgetMs }) => {
    const defaults = { ...PURGE_LIMITS, media: MEDIA_LIMITS.batchSize };
    Object.assign(PURGE_LIMITS, { batchSize, budgetMs });
    MEDIA_LIMITS.batchSize = batchSize;
    onTestFinished(() => {
      Object.assign(PURGE_LIMITS, { batchSize: defaults.batchSize, budgetMs: defaults.budgetMs });
      MEDIA_LIMITS.batchSize = defaults.media;
    });
    const db = await getDb();
    const account = await populatedAccount();
    const { user } = account;
    const bystander = await populatedAccount();

    // Counters as the consumers keep them before the deletion.
    for (const event of await eventsOf({ ownerId: user.id }, "interview.created")) await execute(countInterviewsCreatedFn, event);
    const uploads = [...(await eventsOf({ ownerId: user.id }, "user.avatar_uploaded")), ...(await eventsOf({ ownerId: user.id }, "media.uploaded"))];
    const replaced = await eventsOf({ ownerId: user.id }, "media.deleted");
    expect(replaced.map((e) => e.data.fileId)).toEqual([account.firstAvatar.id]);
    for (const event of [...uploads, ...replaced]) await execute(storageAccountingFn, event);
    const stored = Number(account.avatar.originalSize) + 3_000 + 7_000;
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).storageUsed).toBe(BigInt(stored));

    await deleteAccount({ actor: user, input: { confirmEmail: user.email } });

    // At once, before any consumer ran: the avatar is not served, the API key is revoked.
    expect((await rejection(getAvatarFile({ viewer: user, key: account.avatarKey }))).status).toBe(404);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: account.apiKey.id } })).revokedAt).not.toBeNull();
    expect(await getStorage().stat("avatars", account.avatarKey)).not.toBeNull(); // bytes go later

    const [deleted] = await eventsOf({ ownerId: user.id }, "user.deleted");
    await execute(deleteUserInterviewsFn, deleted!);
    await execute(deleteUserMediaFn, deleted!);
    const after = await snapshot(user.id);

    // Interviews deleted; public links and personal links dead.
    expect(after.interviews).toHaveLength(2);
    for (const interview of after.interviews) expect(interview.deletedAt?.toISOString()).toBe(deleted!.data.deletedAt);
    // Through the candidate's own lookup of /i/<token>: every public and personal link is a 404.
    for (const token of [...account.interviews.map((i) => i.publicToken!), ...account.invitations.map((i) => i.token)]) {
      expect((await rejection(openLink({ token }))).status).toBe(404);
    }
    expect((await openLink({ token: bystander.interviews[0]!.publicToken! })).state).toBe("open");
    const byId = new Map(after.invitations.map((i) => [i.id, i]));
    const [ada, alan, edsger] = account.invitations.map((i) => byId.get(i.id)!);
    expect(ada).toMatchObject({ status: "completed", revokedAt: null });
    for (const open of [alan!, edsger!]) {
      expect(open.status).toBe("revoked");
      expect(open.revokedAt?.toISOString()).toBe(deleted!.data.deletedAt);
    }

    // Candidates' personal data anonymised everywhere it was kept.
    for (const inv of after.invitations) expect(inv).toMatchObject({ name: DELETED_CANDIDATE, email: anonymisedEmail(inv.id) });
    expect(after.sessions).toEqual([
      expect.objectContaining({ candidateName: DELETED_CANDIDATE, candidateEmail: anonymisedEmail(account.session.id), userAgent: null, reviewNotes: null, status: "completed" }),
    ]);
    expect(after.responses.map((r) => r.textAnswer)).toEqual([null, null]);
    expect(after.analyses.map((a) => [a.transcription, a.result, a.sentiment, a.skills])).toEqual([
      [null, null, null, []],
      [null, null, null, []],
    ]);
    // The scores stay: they are not personal data.
    expect(after.analyses.map((a) => a.overallScore).sort()).toEqual([7, null]);
    expect(after.notifications).toEqual([
      expect.objectContaining({ to: anonymisedEmail(account.notification.id), subject: "Deleted", text: "", html: null, template: "invitation", status: "sent" }),
    ]);
    const personal = /ada@|alan@|edsger@|Lovelace|Turing|Dijkstra|Ada's laptop|great|scheduler|My name/;
    expect(JSON.stringify(after, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v))).not.toMatch(personal);
    const [started] = await eventsOf({ ownerId: user.id }, "candidate.started");
    expect(started!.data).toMatchObject({ candidateEmail: anonymisedEmail(account.session.id), userAgent: "", interviewId: account.interviews[0]!.id });
    const [sent] = await eventsOf({ ownerId: user.id }, "notification.sent");
    expect(sent!.data).toMatchObject({ to: anonymisedEmail(account.notification.id), subject: "Deleted", notificationId: account.notification.id });
    expect(after.audit.filter((a) => a.eventType !== "user.deleted").map((a) => a.summary)).toEqual([
      "A candidate started the interview (personal data erased)",
      "Email sent (personal data erased)",
    ]);

    // Every file: bytes gone (the replaced picture's too), row deleted, one media.deleted each.
    const storage = getStorage();
    for (const file of [account.firstAvatar, account.avatar, ...account.files]) {
      expect(await storage.stat(file.bucket, file.path), file.path).toBeNull();
      if (file.thumbnailPath) expect(await storage.stat(file.bucket, file.thumbnailPath)).toBeNull();
    }
    expect(after.media.map((m) => m.status)).toEqual(["deleted", "deleted", "deleted", "deleted"]);
    const purged = await eventsOf({ causationId: deleted!.eventId }, "media.deleted");
    expect(new Map(purged.map((e) => [e.data.fileId, e.data.fileSize]))).toEqual(
      new Map([[account.avatar.id, Number(account.avatar.originalSize)], ...account.files.map((f) => [f.id, Number(f.originalSize)] as const)]),
    );
    expect(purged).toHaveLength(3);
    // Exact, not clamped at 0: what was counted in equals what is counted out.
    const deletions = [...replaced, ...purged];
    const sum = (events: { data: { fileSize: number } }[]) => events.reduce((n, e) => n + e.data.fileSize, 0);
    expect(sum(deletions)).toBe(sum(uploads));
    for (const event of purged) await execute(storageAccountingFn, event);
    expect(after.user.avatarUrl).toBeNull();
    const final = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(final.storageUsed).toBe(0n);
    expect(final.interviewsCreated).toBe(2);

    // A second delivery of each changes nothing and emits nothing.
    const before = await snapshot(user.id);
    await execute(deleteUserInterviewsFn, deleted!);
    await execute(deleteUserMediaFn, deleted!);
    expect(await snapshot(user.id)).toEqual(before);

    // The other account is untouched.
    const other = await snapshot(bystander.user.id);
    expect(other.interviews.every((i) => i.deletedAt === null)).toBe(true);
    expect(other.invitations.map((i) => i.email).sort()).toEqual(["ada@candidates.test", "alan@candidates.test", "edsger@candidates.test"]);
    expect(other.media.every((m) => m.deletedAt === null || m.id === bystander.firstAvatar.id)).toBe(true);
    expect(await storage.stat("media", bystander.files[0]!.path)).not.toBeNull();
  });
});

describe("delete-user-media after a run that stopped between emitting and marking", () => {
  it.each(engines)("does not emit a file's media.deleted again, whatever the batches ($name)", async ({ execute }) => {
    const account = await populatedAccount();
    await deleteAccount({ actor: account.user, input: { confirmEmail: account.user.email } });
    const [deleted] = await eventsOf({ ownerId: account.user.id }, "user.deleted");
    // An earlier run (other batch sizes) stored the event of one file and stopped before marking it.
    const earlier = { run: (_id: string, fn: () => Promise<{ ids: string[] }>) => fn() };
    const file = account.files[1]!;
    await emit({ event: { data: deleted! }, step: earlier, functionId: DELETE_USER_MEDIA }, "media-deleted:an-earlier-batch", {
      eventType: "media.deleted",
      userId: account.user.id,
      data: mediaDeletedData(deleted!, { fileId: file.id, fileSize: Number(file.originalSize) }),
    });
    await execute(deleteUserMediaFn, deleted!);
    const purged = await eventsOf({ causationId: deleted!.eventId }, "media.deleted");
    expect(purged.map((e) => e.data.fileId).sort()).toEqual([account.avatar.id, ...account.files.map((f) => f.id)].sort());
    const db = await getDb();
    expect((await db.mediaFile.findUniqueOrThrow({ where: { id: file.id } })).status).toBe("deleted");
  });
});

describe("purgeUserInterviews", () => {
  it("works in batches, each part finished when a batch comes back short", async () => {
    const db = await getDb();
    const user = await createAccount();
    const interview = await createInterview({ actor: user, input: { title: "Batch", questions: [{ prompt: "Why?" }] } });
    await db.invitation.createMany({
      data: Array.from({ length: 7 }, (_, i) => ({ interviewId: interview.id, email: `c${i}@candidates.test`, name: `C ${i}`, token: newLinkToken() })),
    });
    await deleteAccount({ actor: user, input: { confirmEmail: user.email } });
    const [deleted] = await eventsOf({ ownerId: user.id }, "user.deleted");
    const step = () => purgeUserInterviews({ event: deleted!, part: "invitations", batchSize: 3, budgetMs: 0 });
    expect(await step()).toEqual({ part: "invitations", rows: 3, done: false });
    expect(await step()).toEqual({ part: "invitations", rows: 3, done: false });
    expect(await step()).toEqual({ part: "invitations", rows: 1, done: true });
    expect(await step()).toEqual({ part: "invitations", rows: 0, done: true });
    const rows = await db.invitation.findMany({ where: { interviewId: interview.id } });
    expect(rows.every((r) => r.status === "revoked" && r.email === anonymisedEmail(r.id))).toBe(true);
  });

  it("fails the emails still queued (never retried to the erased address); sent and failed keep their status", async () => {
    const db = await getDb();
    const user = await createAccount();
    const row = (status: "queued" | "sent" | "failed", error: string | null) => ({
      userId: user.id, type: "email", to: `${status}@candidates.test`, subject: "Your interview", text: "Hello", status, error,
      template: "invitation", dedupeKey: `purge-test:${user.id}:${status}`,
    });
    await db.notification.createMany({
      data: [row("queued", "SMTP 421: try again later"), row("sent", null), row("failed", "SMTP 550: No such user queued@candidates.test")],
    });
    await deleteAccount({ actor: user, input: { confirmEmail: user.email } });
    const [deleted] = await eventsOf({ ownerId: user.id }, "user.deleted");
    expect(await purgeUserInterviews({ event: deleted!, part: "notifications" })).toEqual({ part: "notifications", rows: 3, done: true });
    const after = await db.notification.findMany({ where: { userId: user.id } });
    const byKey = new Map(after.map((n) => [n.dedupeKey!.split(":").at(-1), n]));
    expect(byKey.get("queued")).toMatchObject({ status: "failed", error: "Account deleted", to: anonymisedEmail(byKey.get("queued")!.id) });
    expect(byKey.get("sent")).toMatchObject({ status: "sent", error: null });
    expect(byKey.get("failed")).toMatchObject({ status: "failed", error: null });
    // Idempotent: a second delivery changes nothing.
    expect(await purgeUserInterviews({ event: deleted!, part: "notifications" })).toEqual({ part: "notifications", rows: 0, done: true });
  });

  it("refuses an account that is not deleted", async () => {
    const user = await createAccount();
    const forged = await storeEvent({ eventType: "user.deleted", userId: user.id, data: { deletedAt: new Date().toISOString(), reason: "admin" } });
    await expect(purgeUserInterviews({ event: forged, part: "interviews" })).rejects.toThrow(/not deleted/);
  });
});
