import { describe, expect, it } from "vitest";
import { parseEvent } from "./catalog";
import { examples, ids, legacyExamples } from "./examples";
import { isLegacyEvent, normalizeLegacy } from "./legacy";

const legacy = legacyExamples["user.authenticated"];

describe("legacy envelope", () => {
  it.each(["user.authenticated", "user.logged_out"] as const)(
    "accepts the catalog's %s and returns it in the standard envelope",
    (type) => {
      expect(parseEvent(legacyExamples[type])).toEqual({
        ok: true,
        // Same event as the standard example, only the seed's publishing service differs.
        event: { ...examples[type], metadata: { service: "api-gateway", version: "1.0" } },
      });
    },
  );

  it("maps payload → data, epoch ms → ISO, source/version → metadata, payload.userId → userId", () => {
    expect(normalizeLegacy(legacy)).toEqual({
      eventId: legacy.eventId,
      eventType: "user.authenticated",
      timestamp: "2024-10-06T11:00:00.000Z",
      userId: ids.user,
      data: legacy.payload,
      metadata: { service: "api-gateway", version: "1.0" },
    });
  });

  it("keeps the auth session id in data, not as the partition key", () => {
    const result = parseEvent(legacyExamples["user.logged_out"]);
    expect(result.ok && result.event).toMatchObject({ userId: ids.user, data: { sessionId: ids.authSession } });
    expect(result.ok && "sessionId" in result.event).toBe(false);
  });

  it("leaves standard events alone", () => {
    const standard = examples["user.created"];
    expect(isLegacyEvent(standard)).toBe(false);
    expect(normalizeLegacy(standard)).toBe(standard);
    expect(normalizeLegacy(null)).toBeNull();
  });

  it("reports the seed's Keycloak-style ids, which are not account ids", () => {
    const result = parseEvent({ ...legacy, payload: { ...legacy.payload, userId: "kc-123" } });
    expect(result).toMatchObject({ ok: false, errors: [{ path: "userId" }, { path: "data.userId" }] });
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
