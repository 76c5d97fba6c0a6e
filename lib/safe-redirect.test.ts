import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-redirect";

describe("safeCallbackPath", () => {
  it("keeps same-site paths", () => expect(safeCallbackPath("/settings?x=1")).toBe("/settings?x=1"));
  it.each(["https://evil.example", "//evil.example", "/\\evil.example", "", undefined])("refuses %s", (v) =>
    expect(safeCallbackPath(v)).toBe("/dashboard"),
  );
});
