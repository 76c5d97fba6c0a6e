import "server-only";
import { getDb } from "@/lib/db/client";
import type { DomainEvent } from "@/lib/events/catalog";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const bytes = (n: number) => `${n.toLocaleString("en-US")} bytes`;

/** One readable line per event type: what the audit trail shows a person. */
export function auditSummary(event: DomainEvent): string {
  switch (event.eventType) {
    case "user.authenticated":
      return `${event.data.email} signed in (${event.data.authMethod === "oauth2" ? "single sign-on" : "password"})`;
    case "user.logged_out":
      return `Signed out (${event.data.logoutReason.replace(/_/g, " ")})`;
    case "user.created":
      return `Account created for ${event.data.email}${event.data.keycloakId ? " through single sign-on" : ""}`;
    case "user.updated":
      return `Profile updated: ${Object.keys(event.data.changes).join(", ")}`;
    case "user.avatar_uploaded":
      return `Profile picture uploaded (${bytes(event.data.fileSize)})`;
    case "user.deleted":
      return `Account deleted (${event.data.reason.replace(/_/g, " ")})`;
    case "interview.created":
      return `Interview "${event.data.title}" created with ${event.data.questionsCount} questions`;
    case "interview.published":
      return `Interview published at ${event.data.publicLink}`;
    case "interview.completed":
      return `Interview completed by ${event.data.completedCandidates} candidates`;
    case "candidate.started":
      return `${event.data.candidateEmail} started the interview`;
    case "candidate.response_submitted":
      return `Answer submitted to question ${event.data.questionId} (${event.data.duration} s)`;
    case "candidate.completed":
      return `${event.data.candidateEmail} completed the interview (${event.data.responsesCount} answers)`;
    case "candidate.reviewed":
      return `Candidate reviewed: ${[
        event.data.rating === null ? "not rated" : `rated ${event.data.rating}/5`,
        event.data.decision ? `decision ${event.data.decision}` : "no decision",
      ].join(", ")} (changed: ${event.data.changes.join(", ")})`;
    case "candidate.erased":
      return `Candidate's media and personal data erased (${event.data.reason === "request" ? "erasure request" : "retention period ended"}; ${event.data.filesDeleted} files deleted)`;
    case "media.uploaded":
      return `File ${event.data.fileName} uploaded (${bytes(event.data.fileSize)})`;
    case "media.processed":
      return `File ${event.data.fileId} processed (${bytes(event.data.originalSize)} → ${bytes(event.data.processedSize)})`;
    case "media.deleted":
      return `File ${event.data.fileId} deleted (${bytes(event.data.fileSize)})`;
    case "analysis.requested":
      return `Analysis of session ${event.data.sessionId} requested again`;
    case "analysis.started":
      return `Analysis (${event.data.analysisType}) started`;
    case "analysis.completed":
      return `Analysis of ${event.data.responseId ? "an answer" : "a session"} completed: ${event.data.overallScore === null ? "not scored" : `score ${event.data.overallScore}/10`}${event.data.sentiment ? `, ${event.data.sentiment}` : ""}`;
    case "notification.sent":
      return `${event.data.type === "email" ? "Email" : "Notification"} "${event.data.subject}" sent to ${event.data.to}`;
  }
}

/** Appends the event to the audit log; the unique event id makes a duplicate delivery a no-op. */
export async function recordAuditEntry(event: DomainEvent): Promise<{ recorded: boolean }> {
  const db = await getDb();
  // The stored data rather than the delivered copy: an erasure may have scrubbed it since.
  const stored = await db.event.findUnique({ where: { eventId: event.eventId }, select: { ownerId: true, data: true } });
  const subject = "userId" in event ? event.userId : event.sessionId;
  const { count } = await db.auditLog.createMany({
    data: [
      {
        eventId: event.eventId,
        eventType: event.eventType,
        // Not from our outbox: the key is the owner when it is an account id (a gateway's auth
        // events carry an identity's subject id instead, which is no owner).
        ownerId: stored?.ownerId ?? ("userId" in event && UUID.test(event.userId) ? event.userId : null),
        subject,
        summary: auditSummary(stored ? ({ ...event, data: stored.data } as DomainEvent) : event),
        occurredAt: new Date(event.timestamp),
        correlationId: event.metadata.correlationId ?? null,
      },
    ],
    skipDuplicates: true,
  });
  return { recorded: count === 1 };
}
