import { describe, expect, it } from "vitest";
import { canonicalEventsHref, eventFiltersSchema, eventsHref, filterParams, parseInstant } from "./events";

describe("parseInstant", () => {
  it("reads datetime-local values and bare dates as UTC", () => {
    expect(parseInstant("2026-03-10T08:30", "start")?.toISOString()).toBe("2026-03-10T08:30:00.000Z");
    expect(parseInstant("2026-03-10T08:30:15", "start")?.toISOString()).toBe("2026-03-10T08:30:15.000Z");
    expect(parseInstant("2026-03-10 08:30:15.5", "start")?.toISOString()).toBe("2026-03-10T08:30:15.500Z");
    expect(parseInstant("2026-03-10", "start")?.toISOString()).toBe("2026-03-10T00:00:00.000Z");
    expect(parseInstant("2026-03-10", "end")?.toISOString()).toBe("2026-03-10T23:59:59.999Z");
  });

  it("reads ISO 8601 with a zone", () => {
    expect(parseInstant("2026-03-10T08:30:00+02:00", "start")?.toISOString()).toBe("2026-03-10T06:30:00.000Z");
    expect(parseInstant("2026-03-10T08:30:00.123Z", "end")?.toISOString()).toBe("2026-03-10T08:30:00.123Z");
  });

  it("refuses what is not a real point in time", () => {
    for (const bad of ["yesterday", "2026-02-31", "2026-13-01", "2026-03-10T25:00", "2026-03-10T08:61", "10/03/2026", "", "1e12"]) {
      expect(parseInstant(bad, "start"), bad).toBeNull();
    }
  });

  it("refuses years PostgreSQL cannot read (a raw database error before)", () => {
    for (const bad of ["0000-01-01T00:00:00Z", "0000-06-01T00:00:00+00:00", "0001-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00"]) {
      expect(parseInstant(bad, "start"), bad).toBeNull();
    }
    expect(parseInstant("0001-01-01T00:00:00Z", "start")?.toISOString()).toBe("0001-01-01T00:00:00.000Z");
    expect(parseInstant("9999-12-31T23:59:59Z", "end")?.toISOString()).toBe("9999-12-31T23:59:59.000Z");
  });
});

describe("eventFiltersSchema", () => {
  it("takes the first of repeated params and treats blanks as no filter", () => {
    const parsed = eventFiltersSchema.parse({ eventType: ["user.created", "user.updated"], topic: "  ", correlationId: "" });
    expect(parsed).toEqual({ eventType: "user.created" });
  });

  it("ignores params it does not know", () => {
    expect(eventFiltersSchema.parse({ utm_source: "mail" })).toEqual({});
  });
});

describe("explorer addresses", () => {
  it("keep only the known, non-blank filters, in a stable order", () => {
    const values = filterParams({ to: "2026-03-10T08:30", eventType: " user.created ", topic: "", other: "x", before: "12" });
    expect(values).toEqual({ eventType: "user.created", to: "2026-03-10T08:30" });
    expect(eventsHref(values)).toBe("/events?eventType=user.created&to=2026-03-10T08%3A30");
    expect(eventsHref(values, { before: "12" })).toBe("/events?eventType=user.created&to=2026-03-10T08%3A30&before=12");
    expect(eventsHref({})).toBe("/events");
  });

  it("redirect a form submission with blank fields to the clean address, and leave a clean one alone", () => {
    expect(canonicalEventsHref({ eventType: "user.created", topic: "", partitionKey: "", from: "", to: "" })).toBe(
      "/events?eventType=user.created",
    );
    expect(canonicalEventsHref({ eventType: "", topic: "" })).toBe("/events");
    expect(canonicalEventsHref({ correlationId: "req-1", topic: " ", before: "42" })).toBe("/events?correlationId=req-1&before=42");
    expect(canonicalEventsHref({ eventType: "user.created" })).toBeNull();
    expect(canonicalEventsHref({})).toBeNull();
  });
});
