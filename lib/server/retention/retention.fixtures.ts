// A candidate with everything erasure must remove, written as the app writes it: a processed
// recording (its upload and derived MP4, poster, strip and speech track in the local storage)
// and one still processing, their media.* events, a written answer, transcripts and analyses,
// HR's comments, ratings and note, the invitation email, and the events and audit lines that
// name the candidate.
import { randomBytes, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { getStorage } from "@/lib/adapters/storage";
import { getDb } from "@/lib/db/client";
import type { DomainEvent } from "@/lib/events/catalog";
import { recordAuditEntry } from "@/lib/server/audit/record-audit-entry";
import { createInterview } from "@/lib/server/interviews/create-interview";
import { newLinkToken } from "@/lib/server/interviews/public-link";
import { processedKeys } from "@/lib/server/media/processed-keys";
import { storeEvent } from "@/tests/events";

export const QUESTIONS = [
  { prompt: "Tell us about a project you are proud of." },
  { prompt: "Describe a hard bug.", type: "text", maxCharacters: 2000 },
];

export async function publishedInterview(user: { id: string; email: string }, title = "Backend engineer") {
  const db = await getDb();
  const view = await createInterview({ actor: user, input: { title, questions: QUESTIONS } });
  return db.interview.update({
    where: { id: view.id },
    data: { status: "published", publicToken: newLinkToken(), publishedAt: new Date() },
    include: { questions: { orderBy: { position: "asc" } } },
  });
}

async function put(key: string, bytes: Buffer) {
  await getStorage().put("media", key, Readable.from([bytes]));
}

export type SeededCandidate = Awaited<ReturnType<typeof seedCandidate>>;

/**
 * One candidate's session in `interview` with two recordings (sizes: processed one counts
 * `processedSize`, the one still processing `originalSize`) and all their personal data.
 * `storageEvents`: the media.* events storage accounting must apply to count them.
 */
export async function seedCandidate(
  user: { id: string },
  interview: Awaited<ReturnType<typeof publishedInterview>>,
  person: { name: string; email: string; transcript: string },
) {
  const db = await getDb();
  const invitation = await db.invitation.create({
    data: { interviewId: interview.id, email: person.email, name: person.name, status: "completed", token: newLinkToken(), emailStatus: "sent", completedAt: new Date() },
  });
  const session = await db.candidateSession.create({
    data: {
      interviewId: interview.id,
      invitationId: invitation.id,
      versionId: interview.currentVersionId,
      candidateEmail: person.email,
      candidateName: person.name,
      userAgent: `Mozilla/5.0 (${person.name}'s laptop)`,
      reviewNotes: `${person.name} was great`,
      rating: 4,
      decision: "advance",
      status: "completed",
      answeredCount: 2,
      completedAt: new Date(),
      overallScore: 7,
    },
  });
  const [video, text] = interview.questions.filter((q) => q.versionId === interview.currentVersionId);
  const storageEvents: DomainEvent[] = [];

  // A processed recording: the upload and the four derived objects, 3,000 → 5,000 bytes.
  const processed = randomUUID();
  const keys = processedKeys(processed);
  const upload = `${user.id}/${processed}.webm`;
  await put(upload, randomBytes(3_000));
  for (const key of Object.values(keys)) await put(key, randomBytes(1_250));
  const processedFile = await db.mediaFile.create({
    data: {
      id: processed,
      userId: user.id,
      kind: "response",
      status: "ready",
      bucket: "media",
      path: upload,
      processedPath: keys.mp4,
      thumbnailPath: keys.thumbnail,
      stripPath: keys.strip,
      speechPath: keys.speech,
      fileName: "answer.webm",
      mimeType: "video/webm",
      originalSize: 3_000n,
      processedSize: 5_000n,
    },
  });
  storageEvents.push(
    await storeEvent({ eventType: "media.uploaded", userId: user.id, data: { fileId: processed, fileName: "answer.webm", fileSize: 3_000, mimeType: "video/webm", bucket: "media", path: upload } }),
    await storeEvent({ eventType: "media.processed", userId: user.id, data: { fileId: processed, originalSize: 3_000, processedSize: 5_000, processingDuration: 2, thumbnailUrl: null } }),
    // As process-media does: the original leaves once the derived files count.
    await storeEvent({ eventType: "media.deleted", userId: user.id, data: { fileId: processed, fileSize: 3_000, deletedAt: new Date().toISOString() } }),
  );
  // An earlier take, still processing: only its upload, 7,000 bytes.
  const pending = randomUUID();
  const pendingPath = `${user.id}/${pending}.webm`;
  await put(pendingPath, randomBytes(7_000));
  const pendingFile = await db.mediaFile.create({
    data: { id: pending, userId: user.id, kind: "response", status: "processing", bucket: "media", path: pendingPath, fileName: "take1.webm", mimeType: "video/webm", originalSize: 7_000n },
  });
  storageEvents.push(
    await storeEvent({ eventType: "media.uploaded", userId: user.id, data: { fileId: pending, fileName: "take1.webm", fileSize: 7_000, mimeType: "video/webm", bucket: "media", path: pendingPath } }),
  );

  const take1 = await db.response.create({ data: { sessionId: session.id, questionId: video!.id, attempt: 1, status: "processing", mediaFileId: pending } });
  const answer = await db.response.create({
    data: { sessionId: session.id, questionId: video!.id, attempt: 2, status: "ready", mediaFileId: processed, submittedAt: new Date() },
  });
  await db.response.create({ data: { sessionId: session.id, questionId: text!.id, status: "ready", textAnswer: `${person.transcript} (written)`, submittedAt: new Date() } });
  await db.analysis.create({
    data: { userId: user.id, sessionId: session.id, responseId: answer.id, analysisType: "transcription", status: "completed", transcription: person.transcript, result: { segments: [{ start: 0, end: 2, text: person.transcript }] } },
  });
  const summary = await db.analysis.create({
    data: {
      userId: user.id,
      sessionId: session.id,
      analysisType: "summary",
      status: "completed",
      sentiment: "positive",
      skills: ["debugging"],
      overallScore: 7,
      evidence: [{ quote: person.transcript }],
      result: { summary: `${person.name} explained: ${person.transcript}` },
    },
  });
  await db.questionRating.create({ data: { sessionId: session.id, questionId: video!.id, rating: 5, ratedBy: user.id } });
  await db.reviewComment.create({ data: { sessionId: session.id, authorId: user.id, authorName: "Grace Hopper", body: `${person.name} knows schedulers` } });

  const notification = await db.notification.create({
    data: {
      userId: user.id,
      type: "email",
      to: person.email,
      subject: `${person.name}, your interview`,
      text: `Hello ${person.name}`,
      html: `<p>Hello ${person.name}</p>`,
      status: "sent",
      template: "invitation",
      interviewId: interview.id,
      invitationId: invitation.id,
      sentAt: new Date(),
    },
  });
  const started = await storeEvent({
    eventType: "candidate.started",
    sessionId: session.id,
    data: { interviewId: interview.id, candidateEmail: person.email, startedAt: new Date().toISOString(), userAgent: `Mozilla/5.0 (${person.name}'s laptop)` },
  });
  const completed = await storeEvent({
    eventType: "candidate.completed",
    sessionId: session.id,
    data: { interviewId: interview.id, candidateEmail: person.email, completedAt: new Date().toISOString(), responsesCount: 2, totalDuration: 60 },
  });
  const analysed = await storeEvent({
    eventType: "analysis.completed",
    userId: user.id,
    data: { analysisId: summary.id, sessionId: session.id, transcription: person.transcript, sentiment: "positive", skills: ["debugging"], overallScore: 7, completedAt: new Date().toISOString() },
  });
  // HR's own email about the candidate (notify-hr keys it by the event).
  const hrEmail = await db.notification.create({
    data: { userId: user.id, type: "email", to: "hr@example.com", subject: `${person.name} completed Backend engineer`, text: "link", status: "sent", template: "candidate-completed", dedupeKey: `notify-hr:${completed.eventId}`, sentAt: new Date() },
  });
  const sent = await storeEvent({
    eventType: "notification.sent",
    userId: user.id,
    data: { notificationId: notification.id, type: "email", to: person.email, subject: notification.subject, sentAt: new Date().toISOString() },
  });
  for (const event of [started, completed, sent]) await recordAuditEntry(event);
  // A webhook endpoint of the account received the candidate's events (the body as sent).
  const endpoint = await db.webhookEndpoint.create({
    data: { userId: user.id, url: "https://hooks.example.com/intervue", secret: "whsec_dGVzdA==", eventTypes: ["candidate.started", "analysis.completed"] },
  });
  for (const event of [started, analysed]) {
    await db.webhookDelivery.create({
      data: { endpointId: endpoint.id, eventId: event.eventId, eventType: event.eventType, payload: JSON.stringify({ type: event.eventType, timestamp: event.timestamp, data: event }), status: "delivered" },
    });
  }

  return {
    invitation,
    session,
    files: [processedFile, pendingFile],
    responses: { take1, answer },
    objects: [upload, ...Object.values(keys), pendingPath],
    storageEvents,
    /** What storage_used counts for this candidate once the events are applied. */
    storedBytes: 5_000 + 7_000,
    notifications: [notification, hrEmail],
    events: { started, completed, analysed, sent },
  };
}
