import { describe, expect, it } from "vitest";
import { parseEvent } from "./catalog";
import { examples, ids, legacyExamples } from "./examples";
import { isLegacyEvent, normalizeLegacy } from "./legacy";

const legacy = legacyExamples["user.authenticated"];

describe("legacy envelope", () => {
  it.each(["user.authenticated", "user.logged_out"] as const)(
    "accepts the catalog's %s exactly as the seed shows it, keyed by the Keycloak subject",
    (type) => {
      const { payload } = legacyExamples[type];
      expect(parseEvent(legacyExamples[type])).toEqual({
        ok: true,
        event: {
          eventId: "550e8400-e29b-41d4-a716-446655440000",
          eventType: type,
          timestamp: "2024-10-06T11:00:00.000Z",
          // The gateway knows the identity, not the account: its subject is the key.
          userId: "kc-123",
          data: payload,
          metadata: { service: "api-gateway", version: "1.0" },
        },
      });
    },
  );

  it("maps payload → data, epoch ms → ISO, source/version → metadata, payload.userId → userId", () => {
    expect(normalizeLegacy(legacy)).toEqual({
      eventId: legacy.eventId,
      eventType: "user.authenticated",
      timestamp: "2024-10-06T11:00:00.000Z",
      userId: ids.keycloak,
      data: legacy.payload,
      metadata: { service: "api-gateway", version: "1.0" },
    });
  });

  it("keeps the auth session id in data, not as the partition key", () => {
    const result = parseEvent(legacyExamples["user.logged_out"]);
    expect(result.ok && result.event).toMatchObject({ userId: ids.keycloak, data: { sessionId: "sess-550e8400-..." } });
    expect(result.ok && "sessionId" in result.event).toBe(false);
  });

  it("keys by the account's UUID where the gateway knows it", () => {
    const result = parseEvent({ ...legacy, payload: { ...legacy.payload, userId: ids.user } });
    expect(result.ok && result.event).toMatchObject({ userId: ids.user, data: { userId: ids.user } });
  });

  it.each([
    ["empty", ""],
    ["over 255 characters", "k".repeat(256)],
    ["with a control character", "kc-1\u0000"],
    ["with a line break", "kc-1\nforged log line"],
    ["with a lone surrogate", "kc-\ud800"],
  ])("refuses a subject id that is %s, as key and as data", (_label, userId) => {
    const result = parseEvent({ ...legacy, payload: { ...legacy.payload, userId } });
    expect(result).toMatchObject({ ok: false, errors: [{ path: "userId" }, { path: "data.userId" }] });
  });

  it("leaves standard events alone", () => {
    const standard = examples["user.created"];
    expect(isLegacyEvent(standard)).toBe(false);
    expect(normalizeLegacy(standard)).toBe(standard);
    expect(normalizeLegacy(null)).toBeNull();
  });

  it.each([
    ["a date string", "yesterday"],
    ["an out-of-range epoch", 1e20],
    ["no timestamp", undefined],
  ])("reports %s as a bad timestamp", (_label, timestamp) => {
    expect(parseEvent({ ...legacy, timestamp })).toMatchObject({ ok: false, errors: [{ path: "timestamp" }] });
  });

  it("reports a missing source or version as metadata fields", () => {
    const withoutBoth: Record<string, unknown> = { ...legacy };
    delete withoutBoth.source;
    delete withoutBoth.version;
    expect(parseEvent(withoutBoth)).toEqual({
      ok: false,
      errors: [
        { path: "metadata.service", message: "required" },
        { path: "metadata.version", message: "required" },
      ],
    });
  });

  it("rejects unknown fields instead of dropping them", () => {
    expect(parseEvent({ ...legacy, region: "eu" })).toMatchObject({ ok: false, errors: [{ path: "region" }] });
  });

  it("validates the payload like data", () => {
    const payload = { ...legacy.payload, authMethod: "saml", email: "nobody" };
    expect(parseEvent({ ...legacy, payload })).toMatchObject({
      ok: false,
      errors: [{ path: "data.email" }, { path: "data.authMethod" }],
    });
  });
});
