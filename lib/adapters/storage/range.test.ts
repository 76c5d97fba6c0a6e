import { describe, expect, it } from "vitest";
import { parseRange } from "./range";

describe("parseRange", () => {
  it.each([
    ["bytes=0-4", { start: 0, end: 4 }],
    ["bytes=2-", { start: 2, end: 9 }],
    ["bytes=5-100", { start: 5, end: 9 }],
    ["bytes=-3", { start: 7, end: 9 }],
    ["bytes=-30", { start: 0, end: 9 }],
  ])("%s of 10 bytes", (header, range) => {
    expect(parseRange(header, 10)).toEqual(range);
  });

  it.each(["bytes=10-", "bytes=12-20", "bytes=-0"])("%s of 10 bytes cannot be served", (header) => {
    expect(parseRange(header, 10)).toBe("unsatisfiable");
  });

  it.each([null, "", "bytes=", "bytes=-", "bytes=4-2", "items=0-1", "bytes=0-1,3-4", "bytes=a-b"])(
    "serves the whole object for %s",
    (header) => {
      expect(parseRange(header, 10)).toBeNull();
    },
  );
});
