// The `data` of every event type, field for field as in the seed catalog
// (/work/shared/seed/event-catalog.md). Objects are strict so a misspelt field fails loudly
// instead of being dropped on the way to a consumer.
import { z } from "zod";
import { LOCALES } from "../i18n/config";
import { count, email, httpUrl, isoDateTime, mimeType, subjectId, text, uuid } from "./fields";

// --- auth-events -------------------------------------------------------------------------

// As in the seed catalog ("kc-123"): the identity that signed in, which is not the account id
// for single sign-on. The envelope's userId names the account.
const identity = () =>
  subjectId().describe(
    "The identity's subject id: the Keycloak subject for single sign-on (authMethod oauth2), the account id for password sign-ins",
  );

export const userAuthenticated = z.strictObject({
  userId: identity(),
  email: email(),
  sessionId: text().describe("Auth session id from the identity provider; not necessarily a UUID"),
  authMethod: z.enum(["password", "oauth2"]),
  // Identity providers may not know the names; empty strings rather than made-up ones.
  firstName: z.string().describe("May be empty"),
  lastName: z.string().describe("May be empty"),
});

export const userLoggedOut = z.strictObject({
  userId: identity(),
  sessionId: text().describe("Auth session id from the identity provider; not necessarily a UUID"),
  logoutReason: z.enum(["user_action", "session_expired", "admin", "security"]),
});

// --- user-events -------------------------------------------------------------------------

export const userCreated = z.strictObject({
  keycloakId: text().nullable().describe("null for accounts that sign in with email and password"),
  email: email(),
  fullName: text(),
  createdAt: isoDateTime(),
});

export const userUpdated = z.strictObject({
  changes: z
    .strictObject({
      fullName: text().optional(),
      companyName: text().nullable().optional().describe("null: the company name was cleared"),
      locale: z.enum(LOCALES).optional().describe("The dashboard's and HR emails' language"),
      notifyHr: z.enum(["immediately", "digest", "off"]).optional().describe("When HR is emailed about finished candidates and analyses"),
      retentionDays: z.number().int().min(1).max(3650).nullable().optional().describe("Days after an interview closes before its candidates' media and personal data are erased; null: kept"),
    })
    .refine((c) => Object.keys(c).length > 0, "Expected at least one changed field")
    // minProperties keeps the rule in the generated JSON Schema, which omits refinements.
    .meta({ minProperties: 1, description: "Only the fields that changed" }),
});

export const userAvatarUploaded = z.strictObject({
  avatarUrl: httpUrl(),
  fileSize: count().describe("Bytes"),
});

export const userDeleted = z.strictObject({
  deletedAt: isoDateTime(),
  reason: z.enum(["user_request", "admin", "inactivity"]),
});

// --- interview-events --------------------------------------------------------------------

export const interviewCreated = z.strictObject({
  interviewId: uuid(),
  title: text(),
  questionsCount: count(),
  createdAt: isoDateTime(),
});

export const interviewPublished = z.strictObject({
  interviewId: uuid(),
  publicLink: httpUrl(),
  expiresAt: isoDateTime().nullable().describe("null: open until HR closes the interview"),
});

export const interviewCompleted = z.strictObject({
  interviewId: uuid(),
  completedCandidates: count(),
  completedAt: isoDateTime(),
});

// --- candidate-events --------------------------------------------------------------------

export const candidateStarted = z.strictObject({
  interviewId: uuid(),
  candidateEmail: email(),
  startedAt: isoDateTime(),
  userAgent: z.string().describe("As sent by the browser; may be empty"),
});

export const candidateResponseSubmitted = z.strictObject({
  responseId: uuid(),
  questionId: uuid(),
  mediaFileId: uuid().nullable().describe("null for answers to text questions"),
  duration: count().describe("Seconds"),
});

export const candidateCompleted = z.strictObject({
  interviewId: uuid(),
  candidateEmail: email(),
  completedAt: isoDateTime(),
  responsesCount: count(),
  totalDuration: count().describe("Seconds"),
});

export const REVIEW_DECISIONS = ["advance", "hold", "reject"] as const;

export const candidateReviewed = z.strictObject({
  interviewId: uuid(),
  reviewerId: uuid().describe("The HR account that reviewed"),
  rating: z.number().int().min(1).max(5).nullable().describe("Overall rating 1–5 after the change; null: not rated"),
  decision: z.enum(REVIEW_DECISIONS).nullable().describe("Decision after the change; null: none yet"),
  changes: z.array(z.enum(["rating", "decision", "note", "questionRating", "shortlist", "comment"])).min(1).describe("What this change touched (the note's and comments' text is never in the event)"),
  reviewedAt: isoDateTime(),
});

export const candidateErased = z.strictObject({
  interviewId: uuid(),
  reason: z.enum(["request", "retention"]).describe("request: HR honoured the candidate's erasure request; retention: the account's retention period ended"),
  erasedBy: uuid().nullable().describe("The HR account that erased; null when retention did"),
  filesDeleted: count().describe("Media files deleted (each also has its media.deleted)"),
  erasedAt: isoDateTime(),
});

// --- media-events ------------------------------------------------------------------------

export const mediaUploaded = z.strictObject({
  fileId: uuid(),
  fileName: text(),
  fileSize: count().describe("Bytes"),
  mimeType: mimeType(),
  bucket: text(),
  path: text(),
});

export const mediaProcessed = z.strictObject({
  fileId: uuid(),
  originalSize: count().describe("Bytes"),
  processedSize: count().describe("Bytes"),
  processingDuration: count().describe("Seconds"),
  thumbnailUrl: httpUrl().nullable().describe("null for audio-only media"),
});

export const mediaDeleted = z.strictObject({
  fileId: uuid(),
  fileSize: count().describe("Bytes"),
  deletedAt: isoDateTime(),
});

// --- analysis-events ---------------------------------------------------------------------

const analysisType = z.enum(["transcription", "sentiment", "skills", "scoring", "summary"]);

export const analysisStarted = z.strictObject({
  analysisId: uuid(),
  sessionId: uuid(),
  responseId: uuid().optional().describe("Absent when the analysis covers the whole session"),
  analysisType,
});

export const analysisCompleted = z.strictObject({
  analysisId: uuid(),
  sessionId: uuid(),
  responseId: uuid().optional().describe("Absent when the analysis covers the whole session"),
  transcription: z.string().describe("May be empty: a silent answer has nothing to transcribe, a written one is not transcribed"),
  sentiment: z
    .enum(["positive", "neutral", "negative", "mixed"])
    .nullable()
    .describe("An answer's, or the session's when its answers agree (mixed when not); null when nothing could be told"),
  skills: z.array(text()),
  overallScore: z
    .number()
    .min(0)
    .max(10)
    .nullable()
    .describe("0 to 10, computed from the rubric scores; null when nothing was scored (no AI provider, silent answers)"),
  completedAt: isoDateTime(),
});

export const analysisRequested = z.strictObject({
  sessionId: uuid(),
  requestedBy: uuid().describe("The HR account that asked for the re-run"),
  reason: z.enum(["rerun"]).describe("rerun: analyse again with the current prompt versions; unchanged input is not sent to the provider again"),
});

// --- notification-events -----------------------------------------------------------------

export const notificationSent = z.strictObject({
  notificationId: uuid(),
  type: z.enum(["email", "in_app"]),
  to: email(),
  subject: text(),
  sentAt: isoDateTime(),
});
