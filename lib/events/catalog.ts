// The event catalog as code: the one source for validation, typed publishing and consuming,
// and the generated docs (docs/asyncapi.yaml, docs/events.md via scripts/catalog.ts).
import type { z } from "zod";
import { anyEnvelopeSchema, envelopeSchema, type EventMetadata, type PartitionKey } from "./envelope";
import { subjectId } from "./fields";
import { reportMissingAsRequired, toIssues, type EventIssue } from "./issues";
import { isLegacyEvent, normalizeLegacy } from "./legacy";
import * as data from "./schemas";

export { metadataSchema, type EventMetadata, type PartitionKey } from "./envelope";
export type { EventIssue } from "./issues";
export { isLegacyEvent, normalizeLegacy } from "./legacy";

/** The value producers put in `metadata.version` while no event type has evolved. */
export const schemaVersion = "1.0";

export const topics = {
  "auth-events": {
    partitionKey: "userId",
    description:
      "Sign-in and sign-out of HR accounts. The key is the account's UUID where the producer knows it " +
      "(this app always does); a gateway that knows only the identity (the seed's legacy envelope) sends its subject id.",
  },
  "user-events": { partitionKey: "userId", description: "HR accounts: creation, profile, avatar, deletion." },
  "interview-events": { partitionKey: "userId", description: "Interviews owned by an HR account." },
  "candidate-events": { partitionKey: "sessionId", description: "One candidate's pass through an interview." },
  "media-events": { partitionKey: "userId", description: "Stored media files, billed to the owning HR account." },
  "analysis-events": { partitionKey: "userId", description: "AI analysis of candidates' answers." },
  "notification-events": { partitionKey: "userId", description: "Notifications delivered to HR accounts and candidates." },
} as const satisfies Record<string, { partitionKey: PartitionKey; description: string }>;
export type Topic = keyof typeof topics;

// Partition keys are UUIDs (account or candidate session) except where a topic says otherwise.
const partitionKeySchemas: { [T in Topic]?: () => z.ZodType<string> } = {
  "auth-events": () =>
    subjectId().describe(
      "The account's UUID where the producer knows it; from a gateway that knows only the identity, its subject id",
    ),
};

interface EntryInput<S extends z.ZodType> {
  /** Module that publishes the event (also its `metadata.service`). */
  producer: string;
  /** What in that module publishes it. */
  trigger: string;
  /** Consumer function ids (kebab-case), one per Inngest/embedded-runner function. */
  consumers: readonly string[];
  description: string;
  schema: S;
}

/**
 * Subscribed to every event: the audit trail (the seed's future Audit Service) records all of
 * them, not only the four the seed lists.
 */
export const AUDIT_LOG = "audit-log";

/**
 * Also subscribed to every event: each account's webhook endpoints receive the event types they
 * chose, of that account only.
 */
export const DELIVER_WEBHOOKS = "deliver-webhooks";

// The partition key follows from the topic, so it is derived rather than repeated.
function entry<const T extends Topic, S extends z.ZodType>(topic: T, input: EntryInput<S>) {
  const everyEvent: string[] = [DELIVER_WEBHOOKS, AUDIT_LOG];
  const consumers = [...input.consumers.filter((c) => !everyEvent.includes(c)), ...everyEvent];
  return { topic, partitionKey: topics[topic].partitionKey as (typeof topics)[T]["partitionKey"], ...input, consumers };
}

export const catalog = {
  "user.authenticated": entry("auth-events", {
    producer: "auth",
    trigger: "Auth.js signIn event",
    consumers: ["login-analytics"],
    description: "Published when a user authenticates successfully.",
    schema: data.userAuthenticated,
  }),
  "user.logged_out": entry("auth-events", {
    producer: "auth",
    trigger: "Auth.js signOut event",
    consumers: ["login-analytics"],
    description: "Published when a user logs out.",
    schema: data.userLoggedOut,
  }),
  "user.created": entry("user-events", {
    producer: "users",
    trigger: "sign-up or first SSO login",
    consumers: ["init-quotas"],
    description: "Published when a new user is created.",
    schema: data.userCreated,
  }),
  "user.updated": entry("user-events", {
    producer: "users",
    trigger: "profile settings",
    // apply-retention: a changed retention period is applied to the account's closed interviews.
    consumers: ["apply-retention"],
    description: "Published when a profile is updated; data.changes holds only the changed fields.",
    schema: data.userUpdated,
  }),
  "user.avatar_uploaded": entry("user-events", {
    producer: "users",
    trigger: "avatar upload",
    consumers: ["storage-accounting"],
    description: "Published when an avatar is uploaded.",
    schema: data.userAvatarUploaded,
  }),
  "user.deleted": entry("user-events", {
    producer: "users",
    trigger: "account deletion",
    consumers: ["delete-user-interviews", "delete-user-media"],
    description: "Published when a user is deleted (soft delete).",
    schema: data.userDeleted,
  }),
  "interview.created": entry("interview-events", {
    producer: "interviews",
    trigger: "create interview",
    consumers: ["count-interviews-created"],
    description: "Published when an interview is created.",
    schema: data.interviewCreated,
  }),
  "interview.published": entry("interview-events", {
    producer: "interviews",
    trigger: "publish interview",
    consumers: ["send-invitations"],
    description: "Published when an interview becomes available to candidates.",
    schema: data.interviewPublished,
  }),
  "interview.completed": entry("interview-events", {
    producer: "interviews",
    trigger: "last invited candidate done, or HR closes the interview",
    consumers: ["generate-report", "apply-retention"],
    description: "Published when all candidates have finished the interview.",
    schema: data.interviewCompleted,
  }),
  "candidate.started": entry("candidate-events", {
    producer: "candidates",
    trigger: "candidate starts",
    consumers: ["session-status"],
    description: "Published when a candidate starts the interview.",
    schema: data.candidateStarted,
  }),
  "candidate.response_submitted": entry("candidate-events", {
    producer: "candidates",
    trigger: "answer finalised",
    consumers: ["process-media", "update-progress"],
    description: "Published when an answer to a question is submitted.",
    schema: data.candidateResponseSubmitted,
  }),
  "candidate.completed": entry("candidate-events", {
    producer: "candidates",
    trigger: "last answer submitted",
    consumers: ["session-status", "interview-ready-counts", "notify-hr", "analyse-session"],
    description: "Published when a candidate finishes the interview.",
    schema: data.candidateCompleted,
  }),
  "candidate.reviewed": entry("candidate-events", {
    producer: "review",
    trigger: "HR rates a candidate or decides (review page, compare page, POST /api/v1/sessions/{id}/review)",
    consumers: ["refresh-report"],
    description: "Published when HR's rating, decision or note of a candidate changes (not in the seed catalog: decisions feed reports, webhooks and the audit log).",
    schema: data.candidateReviewed,
  }),
  "candidate.erased": entry("candidate-events", {
    producer: "retention",
    trigger: "HR honours a candidate's erasure request, or the account's retention period ends",
    // erase-candidate-media: the erased files' objects deleted from storage, retried until done.
    consumers: ["refresh-report", "erase-candidate-media"],
    description: "Published when a candidate's media and personal data have been erased (not in the seed catalog: erasure must be visible in the audit log).",
    schema: data.candidateErased,
  }),
  "media.uploaded": entry("media-events", {
    producer: "media",
    trigger: "upload finalised",
    consumers: ["storage-accounting", "transcribe-media"],
    description: "Published when a file upload succeeds.",
    schema: data.mediaUploaded,
  }),
  "media.processed": entry("media-events", {
    producer: "media",
    trigger: "media processing worker",
    // storage-accounting: + processedSize (the original's media.deleted takes − originalSize).
    consumers: ["response-status", "interview-ready-counts", "storage-accounting"],
    description: "Published when media processing (conversion, compression) is done.",
    schema: data.mediaProcessed,
  }),
  "media.deleted": entry("media-events", {
    producer: "media",
    trigger: "any media deletion",
    consumers: ["storage-accounting"],
    description: "Published when a file is deleted.",
    schema: data.mediaDeleted,
  }),
  "analysis.requested": entry("analysis-events", {
    producer: "analysis",
    trigger: "HR re-runs a session's analysis",
    consumers: ["analyse-session"],
    description: "Published when HR asks for a session to be analysed again (not in the seed catalog: a re-run needs a trigger of its own).",
    schema: data.analysisRequested,
  }),
  "analysis.started": entry("analysis-events", {
    producer: "analysis",
    trigger: "analysis functions",
    consumers: ["analysis-status"],
    description: "Published when an AI analysis starts.",
    schema: data.analysisStarted,
  }),
  "analysis.completed": entry("analysis-events", {
    producer: "analysis",
    trigger: "analysis functions",
    consumers: ["analysis-status", "refresh-report", "notify-hr"],
    description: "Published when an AI analysis is done.",
    schema: data.analysisCompleted,
  }),
  "notification.sent": entry("notification-events", {
    producer: "notifications",
    trigger: "email sender",
    consumers: [],
    description: "Published when a notification has been sent.",
    schema: data.notificationSent,
  }),
};

type Catalog = typeof catalog;
export type EventType = keyof Catalog;
export type EventData<T extends EventType> = z.output<Catalog[T]["schema"]>;
export type PartitionKeyOf<T extends EventType> = Catalog[T]["partitionKey"];

type Envelope<T extends EventType> = {
  eventId: string;
  eventType: T;
  timestamp: string;
  data: EventData<T>;
  metadata: EventMetadata;
} & { [K in PartitionKeyOf<T>]: string };

/** One event in the standard envelope; without a type argument, the union of all of them. */
export type DomainEvent<T extends EventType = EventType> = T extends EventType
  ? { [K in keyof Envelope<T>]: Envelope<T>[K] }
  : never;

export const eventTypes = Object.keys(catalog) as EventType[];

export function isEventType(value: unknown): value is EventType {
  return typeof value === "string" && Object.hasOwn(catalog, value);
}

const envelopes = new Map<EventType, z.ZodType>();

/** The full-envelope schema of one event type. */
export function eventSchema<T extends EventType>(type: T): z.ZodType<DomainEvent<T>> {
  let schema = envelopes.get(type);
  if (!schema) {
    const { topic, partitionKey, schema: dataSchema } = catalog[type];
    schema = envelopeSchema(type, partitionKey, dataSchema, partitionKeySchemas[topic]?.());
    envelopes.set(type, schema);
  }
  return schema as z.ZodType<DomainEvent<T>>;
}

export type ParseResult = { ok: true; event: DomainEvent } | { ok: false; errors: EventIssue[] };

/**
 * Validates one event in either envelope (the legacy one is normalised first) and returns it
 * in the standard form, or every failing field.
 */
export function parseEvent(input: unknown): ParseResult {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ path: "", message: "expected an event object" }] };
  }
  const type = (input as { eventType?: unknown }).eventType;
  if (!isEventType(type)) return unknownType(normalizeLegacy(input), type);

  const standard = isLegacyEvent(input) ? normalizeLegacy(input, catalog[type].partitionKey) : input;
  const result = eventSchema(type).safeParse(standard, { error: reportMissingAsRequired });
  return result.success ? { ok: true, event: result.data } : { ok: false, errors: toIssues(result.error) };
}

// Without a known type the data cannot be checked, but the envelope still can.
function unknownType(input: unknown, type: unknown): ParseResult {
  const typeIssue: EventIssue = {
    path: "eventType",
    message: type === undefined ? "required" : `unknown event type ${JSON.stringify(type)}`,
  };
  const result = anyEnvelopeSchema.safeParse(input, { error: reportMissingAsRequired });
  const others = result.success ? [] : toIssues(result.error).filter((issue) => issue.path !== "eventType");
  return { ok: false, errors: [typeIssue, ...others] };
}
