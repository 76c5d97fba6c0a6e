// The candidate pages fill messages in the browser with lib/client/translate.ts, which knows
// only "{name}" placeholders: the namespaces sent raw must not use ICU plurals or selects.
import { describe, expect, it } from "vitest";
import { getMessages } from "@/lib/i18n/messages";
import { translator } from "./translate";

describe("translator", () => {
  it.each(["en", "ru"] as const)("the raw namespaces (deviceCheck, recorder) in %s have only {name} placeholders", async (locale) => {
    const messages = await getMessages(locale);
    for (const ns of ["deviceCheck", "recorder"]) {
      for (const [key, value] of Object.entries(messages[ns] as Record<string, unknown>)) {
        expect(typeof value, `${ns}.${key}`).toBe("string");
        expect(value as string, `${ns}.${key}`).not.toMatch(/\{\s*\w+\s*,/);
        expect(value as string, `${ns}.${key}`).not.toMatch(/'[{}]/);
      }
    }
  });

  it("fills placeholders, leaves unknown ones, and names a missing key", () => {
    const t = translator({ a: "Hello {name}, {x} left", b: "Plain" }, "deviceCheck");
    expect(t("a", { name: "Ann", x: 3 })).toBe("Hello Ann, 3 left");
    expect(t("a", { name: "Ann" })).toBe("Hello Ann, {x} left");
    expect(t("b")).toBe("Plain");
    expect(t("nope")).toBe("deviceCheck.nope");
  });
});
