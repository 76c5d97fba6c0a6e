import { describe, expect, expectTypeOf, it } from "vitest";
import {
  catalog,
  eventSchema,
  eventTypes,
  parseEvent,
  topics,
  type DomainEvent,
  type EventData,
  type EventType,
} from "./catalog";
import { examples, ids } from "./examples";

type Data = Record<string, unknown>;

const dataOf = (type: EventType): Data => structuredClone(examples[type].data) as Data;
const acceptsData = (type: EventType, data: unknown) => catalog[type].schema.safeParse(data).success;
const withField = (type: EventType, field: string, value: unknown) => ({ ...dataOf(type), [field]: value });
const withoutField = (type: EventType, field: string) => {
  const data = dataOf(type);
  delete data[field];
  return data;
};

/** A value of another JSON type than the example's. */
function mistyped(value: unknown): unknown {
  if (typeof value === "number") return String(value);
  if (typeof value === "string" || Array.isArray(value)) return 42;
  return "not an object";
}

const fieldsOf = (type: EventType) => Object.keys(examples[type].data).map((field) => [type, field] as const);
const allFields = eventTypes.flatMap(fieldsOf);

const optionalFields = new Set(["analysis.started.responseId"]);

const notUuid = ["int-550e8400-e29b-41d4", "550e8400e29b41d4a716446655440001", ""];
const notDateTime = ["2025-10-06", "2025-10-06T10:00:00", "06.10.2025 10:00", "yesterday"];
const notHttpUrl = ["minio.example.com/a.jpg", "/avatars/user-123.jpg", "ftp://example.com/a.jpg", "javascript:alert(1)"];
const notCount = [-1, 1.5, Number.NaN];
const notEmail = ["user", "user@", "user@example", "@example.com"];
const notSubject = ["", "k".repeat(256), "kc\u0000123", "kc-123\nforged", "kc\u009b", "kc-\ud800"];
/** Identity ids: a Keycloak subject as the seed shows it, a UUID (Keycloak's default), an account id. */
const subjects = ["kc-123", "f:2e1b6c1e:jdoe", ids.user, "k".repeat(255), "josé@realm"];

/** Values of the right JSON type that are still wrong: ranges, formats, enums. */
const invalidValues: { [T in EventType]: Partial<Record<keyof EventData<T>, unknown[]>> } = {
  "user.authenticated": { userId: notSubject, email: notEmail, sessionId: [""], authMethod: ["saml", "OAUTH2"] },
  "user.logged_out": { userId: notSubject, sessionId: [""], logoutReason: ["user-action", "timeout"] },
  "user.created": { keycloakId: [""], email: notEmail, fullName: [""], createdAt: notDateTime },
  "user.updated": { changes: [{}, { email: "x@example.com" }, { fullName: "" }, { companyName: 5 }] },
  "user.avatar_uploaded": { avatarUrl: notHttpUrl, fileSize: notCount },
  "user.deleted": { deletedAt: notDateTime, reason: ["spam", "USER_REQUEST"] },
  "interview.created": { interviewId: notUuid, title: [""], questionsCount: notCount, createdAt: notDateTime },
  "interview.published": { interviewId: notUuid, publicLink: notHttpUrl, expiresAt: notDateTime },
  "interview.completed": { interviewId: notUuid, completedCandidates: notCount, completedAt: notDateTime },
  "candidate.started": { interviewId: notUuid, candidateEmail: notEmail, startedAt: notDateTime },
  "candidate.response_submitted": {
    responseId: notUuid,
    questionId: ["q-1"],
    mediaFileId: ["file-550e8400"],
    duration: notCount,
  },
  "candidate.completed": {
    interviewId: notUuid,
    candidateEmail: notEmail,
    completedAt: notDateTime,
    responsesCount: notCount,
    totalDuration: notCount,
  },
  "media.uploaded": {
    fileId: notUuid,
    fileName: [""],
    fileSize: notCount,
    mimeType: ["video", "video/", "/mp4", "video mp4"],
    bucket: [""],
    path: [""],
  },
  "media.processed": {
    fileId: notUuid,
    originalSize: notCount,
    processedSize: notCount,
    processingDuration: notCount,
    thumbnailUrl: notHttpUrl,
  },
  "media.deleted": { fileId: notUuid, fileSize: notCount, deletedAt: notDateTime },
  "candidate.reviewed": { interviewId: notUuid, reviewerId: notUuid, rating: [0, 6, 2.5], decision: ["maybe", "ADVANCE"], changes: [[], ["rating", "verdict"]], reviewedAt: notDateTime },
  "candidate.erased": { interviewId: notUuid, reason: ["asked", ""], erasedBy: notUuid, filesDeleted: notCount, erasedAt: notDateTime },
  "analysis.requested": { sessionId: notUuid, requestedBy: notUuid, reason: ["again", ""] },
  "analysis.started": {
    analysisId: notUuid,
    sessionId: ["sess-550e8400"],
    responseId: ["resp-1"],
    analysisType: ["ocr"],
  },
  "analysis.completed": {
    analysisId: notUuid,
    sessionId: notUuid,
    responseId: ["resp-1"],
    sentiment: ["happy", "Positive"],
    skills: [[""], [42], "React"],
    overallScore: [-0.5, 10.01, 11, Number.POSITIVE_INFINITY],
    completedAt: notDateTime,
  },
  "notification.sent": {
    notificationId: notUuid,
    type: ["sms"],
    to: notEmail,
    subject: [""],
    sentAt: notDateTime,
  },
};

/** Edge values that must stay valid. */
const validValues: { [T in EventType]?: Partial<Record<keyof EventData<T>, unknown[]>> } = {
  "user.authenticated": { userId: subjects, firstName: [""], lastName: [""], sessionId: ["a1b2"], authMethod: ["password"] },
  "user.logged_out": { userId: subjects, logoutReason: ["session_expired", "admin", "security"] },
  "user.created": { keycloakId: [null], createdAt: ["2025-10-06T13:00:00+03:00", "2025-10-06T10:00:00Z"] },
  "user.updated": { changes: [{ fullName: "Ada" }, { companyName: null }, { companyName: "Acme" }] },
  "user.avatar_uploaded": { avatarUrl: ["http://localhost:3000/media/avatars/a.jpg"], fileSize: [0] },
  "user.deleted": { reason: ["admin", "inactivity"] },
  "interview.published": { expiresAt: [null] },
  "candidate.started": { userAgent: [""] },
  "candidate.response_submitted": { mediaFileId: [null], duration: [0] },
  "media.uploaded": { mimeType: ["audio/webm", "video/webm;codecs=vp9,opus", "application/vnd.api+json"] },
  "media.processed": { thumbnailUrl: [null] },
  "analysis.started": { analysisType: ["sentiment", "skills", "scoring", "summary"] },
  "analysis.completed": {
    responseId: [ids.response],
    transcription: [""],
    skills: [[]],
    overallScore: [0, 10, 7, null],
    sentiment: ["neutral", "negative", "mixed", null],
  },
  "candidate.reviewed": { rating: [null, 1, 5], decision: [null, "hold", "reject"], changes: [["note"], ["questionRating", "shortlist"]] },
  "candidate.erased": { erasedBy: [null], filesDeleted: [0], reason: ["retention"] },
  "notification.sent": { type: ["in_app"] },
};

const cases = <T extends EventType>(table: { [K in T]?: Partial<Record<string, unknown[]>> }) =>
  (Object.entries(table) as [T, Record<string, unknown[]>][]).flatMap(([type, fields]) =>
    Object.entries(fields).flatMap(([field, values]) => values.map((value) => [type, field, value] as const)),
  );

describe("catalog", () => {
  it("has the 18 events of the seed catalog, and three of ours (HR's re-run, review and erasure), on its 7 topics", () => {
    expect(eventTypes).toHaveLength(21);
    expect(eventTypes).toContain("analysis.requested");
    expect(Object.keys(topics)).toEqual([
      "auth-events",
      "user-events",
      "interview-events",
      "candidate-events",
      "media-events",
      "analysis-events",
      "notification-events",
    ]);
    const byTopic: Record<string, string[]> = {};
    for (const type of eventTypes) (byTopic[catalog[type].topic] ??= []).push(type);
    expect(byTopic).toEqual({
      "auth-events": ["user.authenticated", "user.logged_out"],
      "user-events": ["user.created", "user.updated", "user.avatar_uploaded", "user.deleted"],
      "interview-events": ["interview.created", "interview.published", "interview.completed"],
      "candidate-events": ["candidate.started", "candidate.response_submitted", "candidate.completed", "candidate.reviewed", "candidate.erased"],
      "media-events": ["media.uploaded", "media.processed", "media.deleted"],
      "analysis-events": ["analysis.requested", "analysis.started", "analysis.completed"],
      "notification-events": ["notification.sent"],
    });
  });

  it("partitions candidate-events by sessionId and every other topic by userId", () => {
    for (const type of eventTypes) {
      const { topic, partitionKey } = catalog[type];
      expect(partitionKey, type).toBe(topic === "candidate-events" ? "sessionId" : "userId");
    }
  });

  it("names the consumer functions of the architecture's event → consumer map", () => {
    const consumers = (type: EventType) => [...catalog[type].consumers];
    expect(consumers("user.authenticated")).toEqual(["login-analytics", "deliver-webhooks", "audit-log"]);
    expect(consumers("user.deleted")).toEqual(["delete-user-interviews", "delete-user-media", "deliver-webhooks", "audit-log"]);
    expect(consumers("candidate.completed")).toEqual(["session-status", "interview-ready-counts", "notify-hr", "analyse-session", "deliver-webhooks", "audit-log"]);
    expect(consumers("analysis.completed")).toEqual(["analysis-status", "refresh-report", "notify-hr", "deliver-webhooks", "audit-log"]);
    expect(consumers("interview.completed")).toEqual(["generate-report", "apply-retention", "deliver-webhooks", "audit-log"]);
    expect(consumers("candidate.reviewed")).toEqual(["refresh-report", "deliver-webhooks", "audit-log"]);
    for (const type of eventTypes) expect(consumers(type)).toEqual(expect.arrayContaining(["deliver-webhooks", "audit-log"]));
    expect(new Set(eventTypes.flatMap(consumers))).toEqual(
      new Set([
        "init-quotas", "storage-accounting", "audit-log", "login-analytics", "count-interviews-created",
        "send-invitations", "generate-report", "session-status", "process-media", "update-progress",
        "notify-hr", "analyse-session", "transcribe-media", "response-status", "interview-ready-counts",
        "analysis-status", "refresh-report", "delete-user-interviews", "delete-user-media",
        "deliver-webhooks", "apply-retention", "erase-candidate-media",
      ]),
    );
    for (const type of eventTypes) {
      expect(catalog[type].producer).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(catalog[type].description).toMatch(/^Published when /);
    }
  });
});

describe("data schemas", () => {
  it.each(eventTypes)("%s accepts the catalog's example", (type) => {
    expect(catalog[type].schema.parse(examples[type].data)).toEqual(examples[type].data);
  });

  it.each(allFields)("%s rejects data without %s unless it is optional", (type, field) => {
    expect(acceptsData(type, withoutField(type, field))).toBe(optionalFields.has(`${type}.${field}`));
  });

  it.each(allFields)("%s rejects a mistyped %s", (type, field) => {
    const value = mistyped(dataOf(type)[field]);
    expect(acceptsData(type, withField(type, field, value))).toBe(false);
  });

  it.each(allFields)("%s rejects %s: null unless it is nullable", (type, field) => {
    const nullable = validValues[type]?.[field as never] as unknown[] | undefined;
    expect(acceptsData(type, withField(type, field, null))).toBe(nullable?.includes(null) ?? false);
  });

  it.each(eventTypes)("%s rejects unknown fields", (type) => {
    expect(acceptsData(type, { ...dataOf(type), extra: 1 })).toBe(false);
  });

  it.each(cases(invalidValues))("%s rejects %s = %j", (type, field, value) => {
    const result = parseEvent({ ...examples[type], data: withField(type, field, value) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path.split(/[.[]/).slice(0, 2).join("."))).toContain(`data.${field}`);
  });

  it.each(cases(validValues))("%s accepts %s = %j", (type, field, value) => {
    expect(acceptsData(type, withField(type, field, value))).toBe(true);
  });

  it("lists only real fields in the value tables", () => {
    for (const table of [invalidValues, validValues]) {
      for (const [type, fields] of Object.entries(table)) {
        const shape = (catalog[type as EventType].schema as unknown as { shape: Data }).shape;
        for (const field of Object.keys(fields)) expect(shape, `${type}.${field}`).toHaveProperty(field);
      }
    }
  });

  it("lets analysis.started omit responseId for whole-session analyses", () => {
    expect(acceptsData("analysis.started", withoutField("analysis.started", "responseId"))).toBe(true);
  });
});

describe("envelope", () => {
  const event = examples["user.created"];

  it.each(eventTypes)("%s: the full example passes eventSchema and parseEvent unchanged", (type) => {
    expect(eventSchema(type).parse(examples[type])).toEqual(examples[type]);
    expect(parseEvent(examples[type])).toEqual({ ok: true, event: examples[type] });
  });

  it.each([
    ["eventId", { eventId: "evt-550e8400-e29b-41d4-a716-446655440000" }],
    ["eventId", { eventId: undefined }],
    ["timestamp", { timestamp: 1728212400000 }],
    ["timestamp", { timestamp: "2025-10-06T10:00:00" }],
    ["userId", { userId: "kc-123" }],
    ["userId", { userId: undefined }],
    ["sessionId", { sessionId: ids.session }],
    ["data", { data: undefined }],
    ["metadata", { metadata: undefined }],
    ["metadata.service", { metadata: { version: "1.0" } }],
    ["metadata.version", { metadata: { service: "users", version: "" } }],
    ["metadata.causationId", { metadata: { service: "users", version: "1.0", causationId: "evt-1" } }],
    ["metadata.traceId", { metadata: { service: "users", version: "1.0", traceId: "x" } }],
    ["source", { source: "users" }],
  ])("rejects a bad %s", (path, patch) => {
    const result = parseEvent({ ...event, ...patch });
    expect(result).toMatchObject({ ok: false, errors: [expect.objectContaining({ path })] });
  });

  it.each(["user.authenticated", "user.logged_out"] as const)(
    "%s takes the account's UUID or, from a gateway that knows only the identity, its subject id as userId",
    (type) => {
      for (const userId of subjects) expect(parseEvent({ ...examples[type], userId }).ok, userId).toBe(true);
      for (const userId of notSubject) {
        expect(parseEvent({ ...examples[type], userId }), JSON.stringify(userId)).toMatchObject({
          ok: false,
          errors: [{ path: "userId" }],
        });
      }
    },
  );

  it("keeps userId a UUID on every other userId topic", () => {
    for (const type of eventTypes.filter((t) => catalog[t].partitionKey === "userId" && catalog[t].topic !== "auth-events")) {
      expect(parseEvent({ ...examples[type], userId: "kc-123" }), type).toMatchObject({ ok: false, errors: [{ path: "userId" }] });
    }
  });

  it("takes correlationId and causationId in metadata", () => {
    const metadata = { service: "users", version: "1.0", correlationId: "req-1", causationId: ids.interview };
    expect(parseEvent({ ...event, metadata }).ok).toBe(true);
  });

  it("wants sessionId, not userId, on candidate-events", () => {
    const { sessionId, ...rest } = examples["candidate.started"];
    const result = parseEvent({ ...rest, userId: sessionId });
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: "sessionId", message: "required" },
        { path: "userId", message: "unknown field" },
      ],
    });
  });

  it("reports every failing field with its path", () => {
    const result = parseEvent({
      ...examples["media.uploaded"],
      timestamp: "now",
      data: { ...examples["media.uploaded"].data, fileSize: -1, mimeType: 5, bucket: undefined, extra: true },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => e.path)).toEqual([
        "timestamp",
        "data.fileSize",
        "data.mimeType",
        "data.bucket",
        "data.extra",
      ]);
      expect(result.errors.find((e) => e.path === "data.bucket")?.message).toBe("required");
    }
  });

  it("names array elements by index", () => {
    const data = { ...examples["analysis.completed"].data, skills: ["React", 42] };
    expect(parseEvent({ ...examples["analysis.completed"], data })).toMatchObject({
      ok: false,
      errors: [{ path: "data.skills[1]" }],
    });
  });

  it.each([null, 42, "user.created", [], [event]])("rejects %j as not an event", (input) => {
    expect(parseEvent(input)).toEqual({ ok: false, errors: [{ path: "", message: "expected an event object" }] });
  });

  it("rejects an unknown or missing event type and still checks the envelope", () => {
    expect(parseEvent({ ...event, eventType: "interview.archived", eventId: "x" })).toEqual({
      ok: false,
      errors: [
        { path: "eventType", message: 'unknown event type "interview.archived"' },
        { path: "eventId", message: "Invalid UUID" },
      ],
    });
    expect(parseEvent({ ...event, eventType: undefined })).toMatchObject({
      ok: false,
      errors: [{ path: "eventType", message: "required" }],
    });
    // Names inherited from Object.prototype are not event types.
    expect(parseEvent({ ...event, eventType: "constructor" }).ok).toBe(false);
  });
});

describe("types", () => {
  it("derives event types from the catalog", () => {
    expectTypeOf<DomainEvent<"candidate.started">>().toHaveProperty("sessionId").toEqualTypeOf<string>();
    expectTypeOf<DomainEvent<"user.created">>().toHaveProperty("userId").toEqualTypeOf<string>();
    expectTypeOf<DomainEvent<"user.created">>().not.toHaveProperty("sessionId");
    expectTypeOf<EventData<"analysis.completed">["sentiment"]>().toEqualTypeOf<
      "positive" | "neutral" | "negative" | "mixed" | null
    >();
    expectTypeOf<EventData<"candidate.response_submitted">["mediaFileId"]>().toEqualTypeOf<string | null>();
    expectTypeOf(eventSchema("media.deleted").parse).returns.toEqualTypeOf<DomainEvent<"media.deleted">>();

    const result = parseEvent(examples["user.deleted"]);
    if (result.ok && result.event.eventType === "user.deleted") {
      expectTypeOf(result.event.data.reason).toEqualTypeOf<"user_request" | "admin" | "inactivity">();
    }
  });
});
