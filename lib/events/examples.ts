// The seed catalog's example events in the standard envelope. The seed shortens ids
// ("int-550e8400-..."); here they are real UUIDs so the examples validate. Identity ids stay
// as the seed shows them ("kc-123": a Keycloak subject, any non-empty id). Used as message
// examples in docs/asyncapi.yaml and as fixtures in tests.
import type { DomainEvent, EventType } from "./catalog";

export const ids = {
  user: "123e4567-e89b-12d3-a456-426614174000",
  interview: "550e8400-e29b-41d4-a716-446655440001",
  session: "550e8400-e29b-41d4-a716-446655440002",
  response: "550e8400-e29b-41d4-a716-446655440003",
  question: "550e8400-e29b-41d4-a716-446655440004",
  file: "550e8400-e29b-41d4-a716-446655440005",
  analysis: "550e8400-e29b-41d4-a716-446655440006",
  notification: "550e8400-e29b-41d4-a716-446655440007",
  /** A Keycloak subject, as in the seed catalog: the identity, not the account. */
  keycloak: "kc-123",
  /** An auth session id: issued by the identity provider, not necessarily a UUID. */
  authSession: "sess-550e8400-e29b-41d4-a716-446655440000",
} as const;

const at = "2025-10-06T10:00:00.000Z";
const eventId = (n: number) => `e0000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const meta = (service: string) => ({ service, version: "1.0" });

export const examples: { [T in EventType]: DomainEvent<T> } = {
  "user.authenticated": {
    eventId: "550e8400-e29b-41d4-a716-446655440000",
    eventType: "user.authenticated",
    timestamp: "2024-10-06T11:00:00.000Z",
    userId: ids.user,
    data: {
      userId: ids.keycloak,
      email: "user@example.com",
      sessionId: ids.authSession,
      authMethod: "oauth2",
      firstName: "John",
      lastName: "Doe",
    },
    metadata: meta("auth"),
  },
  "user.logged_out": {
    eventId: "550e8400-e29b-41d4-a716-446655440000",
    eventType: "user.logged_out",
    timestamp: "2024-10-06T11:00:00.000Z",
    userId: ids.user,
    data: { userId: ids.keycloak, sessionId: ids.authSession, logoutReason: "user_action" },
    metadata: meta("auth"),
  },
  "user.created": {
    eventId: eventId(1),
    eventType: "user.created",
    timestamp: at,
    userId: ids.user,
    data: { keycloakId: ids.keycloak, email: "user@example.com", fullName: "John Doe", createdAt: at },
    metadata: meta("users"),
  },
  "user.updated": {
    eventId: eventId(2),
    eventType: "user.updated",
    timestamp: at,
    userId: ids.user,
    data: { changes: { fullName: "John Smith", companyName: "Acme Inc" } },
    metadata: meta("users"),
  },
  "user.avatar_uploaded": {
    eventId: eventId(3),
    eventType: "user.avatar_uploaded",
    timestamp: at,
    userId: ids.user,
    data: { avatarUrl: "https://minio.example.com/avatars/user-123.jpg", fileSize: 524288 },
    metadata: meta("users"),
  },
  "user.deleted": {
    eventId: eventId(4),
    eventType: "user.deleted",
    timestamp: at,
    userId: ids.user,
    data: { deletedAt: at, reason: "user_request" },
    metadata: meta("users"),
  },
  "interview.created": {
    eventId: eventId(5),
    eventType: "interview.created",
    timestamp: at,
    userId: ids.user,
    data: { interviewId: ids.interview, title: "Frontend Developer Interview", questionsCount: 5, createdAt: at },
    metadata: meta("interviews"),
  },
  "interview.published": {
    eventId: eventId(6),
    eventType: "interview.published",
    timestamp: at,
    userId: ids.user,
    data: {
      interviewId: ids.interview,
      publicLink: "https://app.example.com/i/abc123",
      expiresAt: "2025-10-13T10:00:00.000Z",
    },
    metadata: meta("interviews"),
  },
  "interview.completed": {
    eventId: eventId(7),
    eventType: "interview.completed",
    timestamp: at,
    userId: ids.user,
    data: { interviewId: ids.interview, completedCandidates: 10, completedAt: at },
    metadata: meta("interviews"),
  },
  "candidate.started": {
    eventId: eventId(8),
    eventType: "candidate.started",
    timestamp: at,
    sessionId: ids.session,
    data: {
      interviewId: ids.interview,
      candidateEmail: "candidate@example.com",
      startedAt: at,
      userAgent: "Mozilla/5.0...",
    },
    metadata: meta("candidates"),
  },
  "candidate.response_submitted": {
    eventId: eventId(9),
    eventType: "candidate.response_submitted",
    timestamp: at,
    sessionId: ids.session,
    data: { responseId: ids.response, questionId: ids.question, mediaFileId: ids.file, duration: 120 },
    metadata: meta("candidates"),
  },
  "candidate.completed": {
    eventId: eventId(10),
    eventType: "candidate.completed",
    timestamp: at,
    sessionId: ids.session,
    data: {
      interviewId: ids.interview,
      candidateEmail: "candidate@example.com",
      completedAt: at,
      responsesCount: 5,
      totalDuration: 600,
    },
    metadata: meta("candidates"),
  },
  "candidate.reviewed": {
    eventId: eventId(18),
    eventType: "candidate.reviewed",
    timestamp: at,
    sessionId: ids.session,
    data: {
      interviewId: ids.interview,
      reviewerId: ids.user,
      rating: 4,
      decision: "advance",
      changes: ["rating", "decision"],
      reviewedAt: at,
    },
    metadata: meta("review"),
  },
  "candidate.erased": {
    eventId: eventId(19),
    eventType: "candidate.erased",
    timestamp: at,
    sessionId: ids.session,
    data: { interviewId: ids.interview, reason: "request", erasedBy: ids.user, filesDeleted: 5, erasedAt: at },
    metadata: meta("retention"),
  },
  "media.uploaded": {
    eventId: eventId(11),
    eventType: "media.uploaded",
    timestamp: at,
    userId: ids.user,
    data: {
      fileId: ids.file,
      fileName: "response-video.mp4",
      fileSize: 10485760,
      mimeType: "video/mp4",
      bucket: "interviews",
      path: "/interviews/int-123/file-456.mp4",
    },
    metadata: meta("media"),
  },
  "media.processed": {
    eventId: eventId(12),
    eventType: "media.processed",
    timestamp: at,
    userId: ids.user,
    data: {
      fileId: ids.file,
      originalSize: 10485760,
      processedSize: 5242880,
      processingDuration: 45,
      thumbnailUrl: "https://cdn.example.com/thumbnails/file-456.jpg",
    },
    metadata: meta("media"),
  },
  "media.deleted": {
    eventId: eventId(13),
    eventType: "media.deleted",
    timestamp: at,
    userId: ids.user,
    data: { fileId: ids.file, fileSize: 5242880, deletedAt: at },
    metadata: meta("media"),
  },
  "analysis.started": {
    eventId: eventId(14),
    eventType: "analysis.started",
    timestamp: at,
    userId: ids.user,
    data: { analysisId: ids.analysis, sessionId: ids.session, responseId: ids.response, analysisType: "transcription" },
    metadata: meta("analysis"),
  },
  "analysis.requested": {
    eventId: eventId(17),
    eventType: "analysis.requested",
    timestamp: at,
    userId: ids.user,
    data: { sessionId: ids.session, requestedBy: ids.user, reason: "rerun" },
    metadata: meta("analysis"),
  },
  "analysis.completed": {
    eventId: eventId(15),
    eventType: "analysis.completed",
    timestamp: at,
    userId: ids.user,
    data: {
      analysisId: ids.analysis,
      sessionId: ids.session,
      transcription: "...",
      sentiment: "positive",
      skills: ["React", "TypeScript", "Problem Solving"],
      overallScore: 8.5,
      completedAt: "2025-10-06T10:05:00.000Z",
    },
    metadata: meta("analysis"),
  },
  "notification.sent": {
    eventId: eventId(16),
    eventType: "notification.sent",
    timestamp: at,
    userId: ids.user,
    data: {
      notificationId: ids.notification,
      type: "email",
      to: "user@example.com",
      subject: "Interview completed",
      sentAt: at,
    },
    metadata: meta("notifications"),
  },
};

/**
 * The seed's auth events exactly as it shows them (old envelope, sent by an API gateway in
 * front of Keycloak): `payload.userId` is the Keycloak subject, and the session id is the
 * seed's shortened one, ellipsis included.
 */
export const legacyExamples = {
  "user.authenticated": {
    eventId: "550e8400-e29b-41d4-a716-446655440000",
    eventType: "user.authenticated",
    timestamp: 1728212400000,
    version: "1.0",
    source: "api-gateway",
    payload: {
      userId: "kc-123",
      email: "user@example.com",
      sessionId: "sess-550e8400-...",
      authMethod: "oauth2",
      firstName: "John",
      lastName: "Doe",
    },
  },
  "user.logged_out": {
    eventId: "550e8400-e29b-41d4-a716-446655440000",
    eventType: "user.logged_out",
    timestamp: 1728212400000,
    version: "1.0",
    source: "api-gateway",
    payload: { userId: "kc-123", sessionId: "sess-550e8400-...", logoutReason: "user_action" },
  },
} as const;
