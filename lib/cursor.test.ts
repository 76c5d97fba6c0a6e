import { describe, expect, it } from "vitest";
import { cursorDate, decodeCursorJson, encodeCursorJson } from "./cursor";

describe("cursorDate", () => {
  it("takes back what toISOString wrote for 1970..9999", () => {
    for (const iso of ["1970-01-01T00:00:00.000Z", "2026-11-29T10:11:12.345Z", "9999-12-31T23:59:59.999Z"]) {
      expect(cursorDate(iso)?.toISOString()).toBe(iso);
    }
  });

  it.each([
    ["year 0000", "0000-01-01T00:00:00.000Z"],
    ["a negative year", "-000001-01-01T00:00:00.000Z"],
    ["the last JavaScript year", "+275760-09-13T00:00:00.000Z"],
    ["before 1970", "1969-12-31T23:59:59.999Z"],
    ["an impossible day", "2026-02-31T00:00:00.000Z"],
    ["no milliseconds", "2026-11-29T10:11:12Z"],
    ["an offset", "2026-11-29T10:11:12.000+01:00"],
    ["a bare date", "2026-11-29"],
    ["words", "yesterday"],
    ["a number", 0],
    ["nothing", undefined],
  ])("refuses %s", (_label, value) => {
    expect(cursorDate(value)).toBeNull();
  });
});

describe("cursor JSON", () => {
  it("round-trips and refuses what is not base64url of JSON", () => {
    expect(decodeCursorJson(encodeCursorJson({ c: "x", i: 1 }))).toEqual({ c: "x", i: 1 });
    expect(decodeCursorJson("%%%")).toBeUndefined();
    expect(decodeCursorJson(Buffer.from("hello").toString("base64url"))).toBeUndefined();
  });
});
